// The workbench page's steps (Chinese, desktop): each step calls work.ts, which does what the command line
// does; this file only builds the DOM (text through textContent, never HTML), shows progress with a cancel
// button, lists outcomes and hands files to the browser as downloads. Nothing is sent anywhere.
import { formatPoints } from "../core/format";
import { UNIT_KIND_LABEL, checkWeight, DEFAULT_WEIGHT, type UnitKind } from "../core/index";
import { DEFAULT_FEEDBACK_TERMS, feedbackDays, recordDate } from "../core/index";
import type { Variant } from "../layout/template/types";
import { WorkbookReadError } from "../read/index";
import { auditTime } from "../review/verification";
import { PlatformFileError } from "../xlsx/platformBytes";
import { Cancelled, templatesZip, unitNames, Workbench, type Download, type FileOutcome } from "./work";

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Offers a file as a download (a Blob URL, revoked once the browser has taken it). */
function download(d: Download): void {
  const url = URL.createObjectURL(new Blob([d.bytes as BlobPart], { type: d.type }));
  const a = h("a", { href: url, download: d.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function message(kind: "ok" | "err" | "", text: string, items: string[] = []): HTMLElement {
  return h("div", { class: `wb-msg ${kind}`, role: kind === "err" ? "alert" : "status" }, text, items.length ? h("ul", {}, ...items.map((i) => h("li", {}, i))) : null);
}

/** A step's long work: progress bar, 取消, the page kept responsive (yielding every few tens of milliseconds). */
class Busy {
  private cancelled = false;
  private last = 0;
  readonly bar = h("progress", { max: "1", value: "0" });
  readonly label = h("span", {}, "");
  readonly cancel = h("button", { type: "button" }, "取消");
  readonly box = h("div", { class: "wb-progress" }, this.bar, this.label, this.cancel);
  private readonly abort = new AbortController();
  /** Aborted when 取消 is pressed (its reason a Cancelled): the read's workers stop at once. */
  readonly signal = this.abort.signal;

  constructor() {
    this.cancel.addEventListener("click", () => {
      this.cancelled = true;
      this.abort.abort(new Cancelled());
      this.label.textContent = "正在取消…";
    });
  }

  /** Progress; yields to the browser now and then; throws Cancelled once 取消 was pressed. */
  readonly progress = async (done: number, total: number, what = ""): Promise<void> => {
    if (this.cancelled) throw new Cancelled();
    const now = performance.now();
    // Shown ten times a second: each change costs the page a frame (style, layout, paint) that the files' reading needs.
    if (now - this.last > 100 || done === total) {
      this.last = now;
      this.bar.max = Math.max(total, 1);
      this.bar.value = done;
      this.label.textContent = `${done} / ${total}${what ? `　${what}` : ""}`;
      await new Promise((r) => setTimeout(r, 0));
      if (this.cancelled) throw new Cancelled();
    }
  };
}

/**
 * Runs one step: disables its buttons, shows progress, puts the outcome (or the Chinese reason) in `out`.
 * Cancelled, it shows what the step kept and how to go on (`cancelled`), or the general words.
 */
async function run(step: HTMLElement, out: HTMLElement, work: (busy: Busy) => Promise<Child[] | void>, cancelled?: () => Child[]): Promise<void> {
  const buttons = Array.from(step.querySelectorAll("button, input")) as (HTMLButtonElement | HTMLInputElement)[];
  const busy = new Busy();
  out.replaceChildren(busy.box);
  for (const b of buttons) b.disabled = true;
  step.dataset.busy = "true";
  const start = performance.now();
  try {
    const shown = await work(busy);
    out.replaceChildren(...((shown ?? []).filter(Boolean) as (Node | string)[]));
  } catch (e) {
    if (e instanceof Cancelled) out.replaceChildren(...((cancelled?.() ?? [message("", "已取消，未生成文件。再点一次重新开始。")]).filter(Boolean) as (Node | string)[]));
    else if (e instanceof WorkbookReadError || e instanceof PlatformFileError) out.replaceChildren(message("err", e.message));
    else out.replaceChildren(message("err", e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : "出现意外错误，未生成文件。请刷新页面后重试；仍然如此时请把所用的文件发给市信用办检查。"));
  } finally {
    for (const b of buttons) b.disabled = false;
    // How long the step took in the page (bench/workbench.bench.ts reads it).
    step.dataset.ms = String(Math.round(performance.now() - start));
    delete step.dataset.busy;
  }
}

/** A file input shown as a button in Chinese (the browser's own button speaks the browser's language). */
function fileButton(text: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "wb-file" }, input, h("span", {}, text));
}

/**
 * A file input of the office's own files brought back (核定表, 核定记录, 平台数据): each file added in turn; one
 * that cannot be used is listed with its reason (`refusal`: undefined for an error that is not the file's), the
 * others kept; then what is held is shown.
 */
function bringBack(s: HTMLElement, input: HTMLInputElement, out: HTMLElement, add: (f: File) => Promise<unknown>, refusal: (f: File, e: unknown) => string | undefined, shown: () => Child[]): void {
  input.addEventListener("change", () => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    void run(s, out, async () => {
      const refused: string[] = [];
      for (const f of files) {
        try {
          await add(f);
        } catch (e) {
          const why = refusal(f, e);
          if (why === undefined) throw e;
          refused.push(why);
        }
      }
      return [...shown(), refused.length ? message("err", "以下文件未采用：", refused) : null];
    });
  });
}

function step(id: string, n: number, title: string, hint: string, ...body: Child[]): HTMLElement {
  return h("section", { class: "wb-step", id }, h("h2", {}, h("span", { class: "n" }, `${n}`), title), h("p", { class: "hint" }, hint), ...body);
}

const kindSelect = (name: string) =>
  h("select", { name }, h("option", { value: "county" }, UNIT_KIND_LABEL.county), h("option", { value: "department" }, UNIT_KIND_LABEL.department));

/** Step 1; a kind chosen fills the list with its members (the 市直部门 as step 2's list has them). */
function templateStep(wb: Workbench): HTMLElement {
  const kind = kindSelect("kind");
  const variant = h("select", { name: "variant" }, h("option", { value: "addin" }, "默认（有加载项时显示详细说明，任何 Excel、WPS 都能计分）"), h("option", { value: "portable" }, "通用公式（只用 Excel 原生公式）"));
  const units = h("textarea", { name: "units", spellcheck: "false" });
  const fill = () => (units.value = wb.expected()[kind.value as UnitKind].join("\n"));
  kind.addEventListener("change", fill);
  fill();
  const go = h("button", { type: "button", class: "primary", id: "wb-make-templates" }, "生成模板（下载 zip）");
  const out = h("div", { id: "wb-templates-out" });
  const s = step(
    "wb-template",
    1,
    "生成模板",
    "每个单位一个考核表（单位-年度-类别.xlsx），一起下载为一个 zip 压缩包，解压后分别发给各单位。与命令行 template 生成的文件相同。",
    h("div", { class: "wb-row" }, h("label", {}, "单位类别", kind), h("label", {}, "公式", variant)),
    h("label", { class: "wb-field" }, h("span", {}, "单位名单（每行一个，可修改）"), units),
    h("div", { class: "wb-row" }, go),
    out,
  );
  go.addEventListener("click", () =>
    run(s, out, async (busy) => {
      const { units: list, bad } = unitNames(units.value);
      if (!list.length) return [message("err", "单位名单是空的：请每行写一个单位名称。")];
      if (bad.length) return [message("err", `单位名称不能含有 \\ / : * ? " < > | 字符：${bad.join("、")}`)];
      const d = await templatesZip(kind.value as UnitKind, list, variant.value as Variant, (done, total) => busy.progress(done, total));
      download(d);
      return [message("ok", `已生成 ${list.length} 个模板，下载为“${d.name}”。`)];
    }, () => [message("", "已取消：没有下载任何文件（已生成的模板未保存）。再点“生成模板”重新生成。")]),
  );
  return s;
}

function outcomeTable(rows: FileOutcome[], onlyProblems: boolean): HTMLElement {
  const shown = onlyProblems ? rows.filter((r) => r.state !== "已读取" || r.units.some((u) => u.errors)) : rows;
  const body = h("tbody");
  for (const r of shown.slice(0, 2000)) {
    const units = r.units.map((u) => `${u.unit}${u.kind ? `（${UNIT_KIND_LABEL[u.kind]}）` : ""} 自评 ${u.score === undefined ? "—" : formatPoints(u.score)}`).join("；");
    body.append(
      h(
        "tr",
        { "data-state": r.state },
        h("td", {}, r.file),
        h("td", { class: `state s-${r.state}` }, r.state),
        h("td", {}, units),
        h("td", {}, r.reasons.length ? h("ul", {}, ...r.reasons.slice(0, 30).map((x) => h("li", { class: x.startsWith("[提示]") ? "" : "err" }, x)), r.reasons.length > 30 ? h("li", {}, `……另有 ${r.reasons.length - 30} 项（见汇总的工作记录）`) : null) : "—"),
      ),
    );
  }
  const more = shown.length > 2000 ? h("p", { class: "hint" }, `只显示前 2000 个文件，共 ${shown.length} 个。`) : null;
  return h("div", {}, h("div", { class: "wb-table-wrap" }, h("table", { class: "wb-table", id: "wb-outcomes" }, h("thead", {}, h("tr", {}, h("th", {}, "文件"), h("th", {}, "结果"), h("th", {}, "单位与自评得分"), h("th", {}, "原因与问题"))), body)), more);
}

/** A dropped or picked folder's contents by the command line's rule: its own files, and its subfolders' names (listed, not read). */
interface Dropped {
  files: File[];
  subfolders: string[];
}

/** The File of a dropped entry. */
const fileOf = (e: FileSystemFileEntry) => new Promise<File>((resolve, reject) => e.file(resolve, reject));

/** Every entry of a dropped folder (readEntries gives them in batches until it gives none). */
async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return all;
    all.push(...batch);
  }
}

/**
 * What a drop holds (DataTransferItem.webkitGetAsEntry, taken while the drop event lasts): dropped files, and
 * of each dropped folder its files and its subfolders' names — one level, as the command line reads a folder.
 * A browser without entries gives the dropped files only (a folder then reads as an unreadable file).
 */
function droppedEntries(dt: DataTransfer): () => Promise<Dropped> {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === "file");
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
  const files = Array.from(dt.files ?? []);
  return async () => {
    if (!entries.length || entries.some((e) => !e)) return { files, subfolders: [] };
    const out: Dropped = { files: [], subfolders: [] };
    for (const e of entries as FileSystemEntry[]) {
      if (e.isFile) out.files.push(await fileOf(e as FileSystemFileEntry));
      else if (e.isDirectory) {
        for (const child of await entriesOf(e as FileSystemDirectoryEntry)) {
          if (child.isDirectory) out.subfolders.push(child.name);
          else out.files.push(await fileOf(child as FileSystemFileEntry));
        }
      }
    }
    return out;
  };
}

/** A picked folder (input webkitdirectory gives every file under it, with its path): its own files, and its subfolders' names. */
function pickedFolder(files: readonly File[]): Dropped {
  const out: Dropped = { files: [], subfolders: [] };
  const subfolders = new Set<string>();
  for (const f of files) {
    const parts = (f.webkitRelativePath || f.name).split("/");
    if (parts.length <= 2) out.files.push(f);
    else subfolders.add(parts[1]);
  }
  out.subfolders = [...subfolders].sort();
  return out;
}

/**
 * Step 2. `hooks.refresh` is set to re-list every file's outcome once the files are read: the 核定 and the
 * 平台数据 brought back change what the command line lists for a file (a 核定 beyond a clause's deduction, one
 * for figures since changed), so the list is made again when they change.
 */
function returnsStep(wb: Workbench, changed: () => void, hooks: { refresh?: () => Promise<void> }): HTMLElement {
  const pick = h("input", { type: "file", multiple: "", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id: "wb-returns-input" });
  const folder = h("input", { type: "file", id: "wb-returns-folder" });
  (folder as HTMLInputElement & { webkitdirectory: boolean }).webkitdirectory = true;
  const clear = h("button", { type: "button" }, "清空");
  const more = h("button", { type: "button", id: "wb-returns-continue", hidden: "" }, "继续读取");
  const drop = h("div", { class: "wb-drop", id: "wb-drop" }, h("strong", {}, "把返回的考核表或所在的文件夹拖到这里"), h("br"), "或　", fileButton("选择文件…", pick), "　", fileButton("选择整个文件夹…", folder));
  const only = h("input", { type: "checkbox", id: "wb-only-problems" });
  const out = h("div", { id: "wb-returns-out" });
  const table = h("div");
  const departments = h("textarea", { name: "departments", id: "wb-departments", spellcheck: "false", rows: "6" });
  departments.value = wb.departments.join("\n");
  const departmentsOut = h("div", { id: "wb-departments-out" });
  let last: FileOutcome[] = [];
  const s = step(
    "wb-returns",
    2,
    "读取返回的考核表",
    "逐个读取各单位发回的 .xlsx，重新计分并检查（与命令行 check、summary 相同的规则和原因）；每个文件的结果列在下面。可以拖入整个文件夹：读取其中的文件，其中的子文件夹不读取、列为错误（与命令行相同）。文件只在本机读取。",
    drop,
    h("div", { class: "wb-row" }, more, clear),
    out,
    h(
      "details",
      { class: "wb-field", id: "wb-departments-box" },
      h("summary", {}, `本年度市直部门名单（共 ${wb.departments.length} 个；未返回的列为“未报送单位”）`),
      h("p", { class: "hint" }, "核定表、平台数据、汇总和反馈单按这份名单认定市直部门、列出未报送单位（与命令行 --departments 名单.txt 相同）。每行一个，可修改或粘贴。"),
      departments,
      departmentsOut,
    ),
    h("div", { class: "wb-filter" }, h("label", {}, only, "只看有问题的文件")),
    table,
  );
  const show = () => table.replaceChildren(last.length ? outcomeTable(last, only.checked) : "");
  /** The step's line: how many files read, not read, not identified, skipped. */
  const tally = () => {
    const count = (st: FileOutcome["state"]) => last.filter((r) => r.state === st).length;
    const units = last.reduce((n, r) => n + r.units.length, 0);
    const withErrors = last.filter((r) => r.units.some((u) => u.errors)).length;
    return message(count("未读取") || count("未认定") || withErrors ? "err" : "ok", `共 ${wb.fileCount} 个文件：读取 ${count("已读取")} 个（${units} 个单位，其中 ${withErrors} 个文件有须改正的问题），未读取 ${count("未读取")} 个，未认定 ${count("未认定")} 个，跳过 ${count("已跳过")} 个。`);
  };
  hooks.refresh = async () => {
    if (!last.length || wb.unreadCount || s.dataset.busy) return;
    last = await wb.outcomes();
    show();
    out.replaceChildren(tally());
  };
  only.addEventListener("change", show);
  /** Adds what was picked or dropped (none: 继续读取), reads what is not read yet, lists every file's outcome. */
  const read = (got?: Dropped | (() => Promise<Dropped>)) =>
    run(
      s,
      out,
      async (busy) => {
        more.hidden = true;
        const { files, subfolders } = (typeof got === "function" ? await got() : got) ?? { files: [], subfolders: [] };
        if (got && !files.length && !subfolders.length) return [message("err", "拖入的文件夹是空的：请把返回的考核表（.xlsx）或所在的文件夹拖到这里。")];
        if (files.length || subfolders.length) wb.addReturns(files, subfolders);
        changed();
        await wb.readAll((done, total, name) => busy.progress(done, total, name), busy.signal);
        last = await wb.outcomes();
        show();
        changed();
        return [tally()];
      },
      () => {
        // What the step kept: the files read stay read; 继续读取 reads the rest (never a file twice).
        const left = wb.unreadCount;
        more.hidden = !left;
        changed();
        return [message("", `已取消：已读取 ${wb.fileCount - left} 个文件，还有 ${left} 个未读取。点“继续读取”读取其余的文件（已读取的不再读取）；汇总、核定表等在全部读取后再做。`)];
      },
    );
  more.addEventListener("click", () => void read());
  pick.addEventListener("change", () => {
    if (pick.files?.length) void read({ files: Array.from(pick.files), subfolders: [] });
    pick.value = "";
  });
  folder.addEventListener("change", () => {
    const got = pickedFolder(Array.from(folder.files ?? []));
    if (got.files.length || got.subfolders.length) void read(got);
    folder.value = "";
  });
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer) void read(droppedEntries(e.dataTransfer));
  });
  clear.addEventListener("click", () => {
    wb.clearReturns();
    last = [];
    more.hidden = true;
    show();
    out.replaceChildren();
    changed();
  });
  departments.addEventListener("change", () => {
    const { units, bad } = unitNames(departments.value);
    if (!units.length) {
      departmentsOut.replaceChildren(message("err", "名单是空的：请每行写一个市直部门名称，或刷新页面恢复本年度的名单。"));
      return;
    }
    try {
      wb.setDepartments(units);
    } catch (e) {
      departmentsOut.replaceChildren(message("err", e instanceof Error && /[\u4e00-\u9fff]/.test(e.message) ? e.message : "名单未能采用，请检查后重试。"));
      return;
    }
    (departments.closest("details")!.querySelector("summary") as HTMLElement).textContent = `本年度市直部门名单（共 ${units.length} 个；未返回的列为“未报送单位”）`;
    departmentsOut.replaceChildren(message("ok", `已采用 ${units.length} 个市直部门${bad.length ? `（其中 ${bad.join("、")} 含有文件名不能使用的字符，生成模板时会被拒绝）` : ""}。`));
    changed();
    // The files already read are placed again against the new list (a 市直部门 not on it is 未认定).
    if (wb.fileCount && !wb.unreadCount) void read();
  });
  return s;
}

function reviewStep(wb: Workbench, changed: () => void): HTMLElement {
  const make = h("button", { type: "button", class: "primary", id: "wb-make-review" }, "下载核定表");
  const back = h("input", { type: "file", multiple: "", accept: ".xlsx", id: "wb-records-input" });
  const clear = h("button", { type: "button" }, "不用核定记录");
  const out = h("div", { id: "wb-review-out" });
  const recordsOut = h("div", { id: "wb-records-out" });
  const s = step(
    "wb-review",
    3,
    "核定表",
    "每个单位每条条款一行，“需关注”的行在前。下载后在 Excel、WPS 或 LibreOffice 中填写“核定”列（同意自评或改判），保存后在这里带回；带回的核定用于汇总和反馈单（与命令行 review、summary --records 相同）。也可带回在加载项中核定后保存的工作簿（读其中的“核定记录”）。带回核定表后再点“下载核定表”（例如收到迟交或更正的文件后），新表保留已填写的核定：单位数据未变的留在原行，已变的列在表格下方“未匹配的核定”，需重新核定。第 4 步带回平台数据后，核定表逐条列出平台扣分，可选“按平台数据”。",
    h("div", { class: "wb-row" }, make),
    out,
    h("div", { class: "wb-row" }, fileButton("带回填好的核定表或核定记录…", back), h("span", { class: "hint" }, "可多个，后选的优先"), clear),
    recordsOut,
  );
  const showRecords = () =>
    recordsOut.replaceChildren(
      ...(wb.records.length
        ? [message(wb.records.some((f) => f.problems.length) ? "err" : "ok", `采用的核定：${wb.records.map((f) => `“${f.file}”的${f.kind}（${f.entries} 条${f.problems.length ? `，${f.problems.length} 行未采用` : ""}）`).join("；")}`, wb.records.flatMap((f) => f.problems).slice(0, 50))]
        : []),
    );
  make.addEventListener("click", () =>
    run(s, out, async () => {
      if (!wb.fileCount) return [message("err", "请先在第 2 步读取返回的考核表。")];
      const r = await wb.reviewSheet();
      download(r.download);
      const attention = r.data.rows.filter((x) => x.attention.length).length;
      const lines = r.text.trimEnd().split("\n").slice(1).filter((l) => l.trim() && !l.startsWith("未列入核定表"));
      return [
        message(r.data.notes.length || r.data.unmatched.length ? "err" : "ok", `已生成核定表“${r.download.name}”：${r.data.rows.length} 个条款，需关注 ${attention} 行。`, lines.map((l) => l.trim())),
        r.data.notes.length ? message("err", `未列入核定表 ${r.data.notes.length} 项：`, r.data.notes.slice(0, 50)) : null,
      ];
    }),
  );
  bringBack(s, back, recordsOut, (f) => wb.addRecords(f), (f, e) => (e instanceof WorkbookReadError ? `无法使用“${f.name}”：${e.message.replace(/^中/, "其中")}` : undefined), () => {
    changed();
    showRecords();
    return Array.from(recordsOut.childNodes);
  });
  clear.addEventListener("click", () => {
    wb.clearRecords();
    showRecords();
    changed();
  });
  return s;
}

function platformStep(wb: Workbench, changed: () => void): HTMLElement {
  const kind = kindSelect("platform-kind");
  const go = h("button", { type: "button", class: "primary", id: "wb-make-platform" }, "下载平台数据表");
  const out = h("div", { id: "wb-platform-out" });
  const back = h("input", { type: "file", multiple: "", accept: ".xlsx", id: "wb-platform-input" });
  const clear = h("button", { type: "button" }, "不用平台数据");
  const check = h("button", { type: "button", id: "wb-platform-check" }, "与单位数据比对");
  const backOut = h("div", { id: "wb-platform-back-out" });
  const s = step(
    "wb-platform",
    4,
    "平台数据",
    "考核组填写从信用平台调阅的数据的表格（每个单位一行），与命令行 platform --kind … --out 相同。填好后在这里带回：单位名称按单位身份的规则核对，不一致的只列出、不猜测；之后第 3 步的核定表、第 5 步的汇总和第 6 步的反馈单都对照它（与命令行 --platform 相同）。",
    h("div", { class: "wb-row" }, h("label", {}, "单位类别", kind), go),
    out,
    h("div", { class: "wb-row" }, fileButton("带回填好的平台数据表…", back), check, clear),
    backOut,
  );
  go.addEventListener("click", () =>
    run(s, out, async () => {
      const d = await wb.platformSheet(kind.value as UnitKind);
      download(d);
      return [message("ok", `已生成“${d.name}”。请把调阅的数据填写或粘贴到浅黄色单元格。`)];
    }),
  );
  /** Each sheet brought back: how many units have figures, and every name or figure not used, with its reason. */
  const sheetsShown = (): Child[] =>
    wb.platforms.flatMap((p) =>
      p.sheets.map((d) => {
        const withFigures = [...d.figures.values()].filter((f) => Object.keys(f.values).length).length;
        const bad = [...d.unknown.map((u) => `${u.address}：${u.reason}`), ...d.problems.map((x) => `[${x.severity}] ${x.message}`)];
        return message(bad.length ? "err" : "ok", `采用平台数据：文件“${p.file}”工作表“${d.sheet}”（${d.catalog.year} 年度${UNIT_KIND_LABEL[d.catalog.kind]}），${d.columns.length} 列，${withFigures} 个单位有调阅数据${bad.length ? `；未采用 ${bad.length} 项：` : "。"}`, bad.slice(0, 100));
      }),
    );
  bringBack(s, back, backOut, (f) => wb.addPlatform(f), (_f, e) => (e instanceof PlatformFileError || e instanceof WorkbookReadError ? e.message : undefined), () => {
    changed();
    return sheetsShown();
  });
  check.addEventListener("click", () =>
    run(s, backOut, async () => {
      if (!wb.platforms.length) return [message("err", "请先带回填好的平台数据表。")];
      if (!wb.fileCount) return [...sheetsShown(), message("err", "请先在第 2 步读取返回的考核表。")];
      const x = await wb.crossCheck();
      const head = `平台比对：已比对 ${x.checked} 个单位，与平台不一致 ${x.rows} 条${x.rows ? "（生成核定表后，扣分不同的行可在“核定”列选“按平台数据”）" : "。"}`;
      return [
        ...sheetsShown(),
        message(x.rows ? "err" : "ok", head, [
          ...(x.noFigures.length ? [`平台数据未填（未调阅、未比对）的单位：${x.noFigures.join("、")}`] : []),
          ...(x.notReturned.length ? [`有平台数据但没有返回考核表的单位：${x.notReturned.join("、")}`] : []),
        ]),
        x.lines.length ? h("pre", { class: "wb-pre", id: "wb-crosscheck" }, x.lines.join("\n")) : null,
      ];
    }),
  );
  clear.addEventListener("click", () => {
    wb.clearPlatform();
    backOut.replaceChildren();
    changed();
  });
  return s;
}

function summaryStep(wb: Workbench): HTMLElement {
  const weight = h("input", { type: "number", min: "0", max: "100", step: "0.5", value: String(DEFAULT_WEIGHT), id: "wb-weight" });
  const go = h("button", { type: "button", class: "primary", id: "wb-make-summary" }, "生成汇总（下载）");
  const out = h("div", { id: "wb-summary-out" });
  const s = step(
    "wb-summary",
    5,
    "生成汇总",
    "重新计分、排名，采用第 3 步带回的核定、第 4 步带回的平台数据和第 2 步的市直部门名单。下载两个文件：完整的汇总（汇总表与工作记录）和报送用的汇总表（只含汇总表），与命令行 summary 写出的相同。",
    h("div", { class: "wb-row" }, h("label", {}, "本项分值（市委考评办确定，默认 100）", weight), go),
    out,
  );
  go.addEventListener("click", () =>
    run(s, out, async () => {
      if (!wb.fileCount) return [message("err", "请先在第 2 步读取返回的考核表。")];
      let w: number;
      try {
        w = checkWeight(weight.value);
      } catch (e) {
        return [message("err", `本项分值${(e as Error).message}`)];
      }
      const r = await wb.summary(w);
      download(r.full);
      download(r.report);
      const rows = [r.data.tables.county, r.data.tables.department].flatMap((t) => [
        h("tr", {}, h("th", { colspan: "5" }, `${UNIT_KIND_LABEL[t.kind]}：已返回 ${t.returned}/${t.expected}`)),
        ...t.rows.map((x) => h("tr", {}, h("td", { class: "num" }, String(x.rank ?? "—")), h("td", {}, x.unit), h("td", { class: "num" }, x.score === undefined ? "—" : `${formatPoints(x.score)}${x.provisional ? "（暂）" : ""}`), h("td", {}, x.status), h("td", { class: "num" }, x.openProblems ? `${x.openProblems} 个问题` : ""))),
      ]);
      const errors = r.data.problems.filter((p) => p.severity === "错误").length;
      return [
        message(errors ? "err" : "ok", `已生成“${r.full.name}”和报送用的“${r.report.name}”。${errors ? `汇总列有 ${errors} 个须处理的错误（见工作记录）。` : ""}`),
        h("div", { class: "wb-table-wrap" }, h("table", { class: "wb-table", id: "wb-ranking" }, h("thead", {}, h("tr", {}, h("th", {}, "名次"), h("th", {}, "单位"), h("th", {}, "得分"), h("th", {}, "状态"), h("th", {}, "问题"))), h("tbody", {}, ...rows))),
      ];
    }),
  );
  return s;
}

function feedbackStep(wb: Workbench): HTMLElement {
  const days = h("input", { type: "number", min: "1", max: "60", value: String(DEFAULT_FEEDBACK_TERMS.days), id: "wb-fb-days" });
  const office = h("input", { type: "text", value: DEFAULT_FEEDBACK_TERMS.office, id: "wb-fb-office" });
  const contact = h("input", { type: "text", value: "", id: "wb-fb-contact" });
  const phone = h("input", { type: "text", value: "", id: "wb-fb-phone" });
  const date = h("input", { type: "date", value: auditTime().slice(0, 10), id: "wb-fb-date" });
  const go = h("button", { type: "button", class: "primary", id: "wb-make-feedback" }, "生成反馈单（下载 zip）");
  const out = h("div", { id: "wb-feedback-out" });
  const s = step(
    "wb-feedback",
    6,
    "结果反馈单",
    "核定之后，每个单位一张结果反馈单（逐条自评扣分、核定扣分、核定说明、得分、复核办法），每个单位一个文件，一起下载为 zip。与命令行 feedback 相同；需要第 3 步带回的核定。",
    h("div", { class: "wb-row" }, h("label", {}, "复核申请期限（工作日）", days), h("label", {}, "受理单位", office), h("label", {}, "联系人", contact), h("label", {}, "电话", phone), h("label", {}, "日期", date)),
    h("div", { class: "wb-row" }, go),
    out,
  );
  go.addEventListener("click", () =>
    run(s, out, async () => {
      if (!wb.fileCount) return [message("err", "请先在第 2 步读取返回的考核表。")];
      const d = feedbackDays(days.value);
      if (typeof d === "string") return [message("err", d)];
      const when = recordDate(date.value);
      if (when.state !== "ok") return [message("err", "请填写反馈单上的日期。")];
      const r = await wb.feedback({ days: d, office: office.value.trim() || DEFAULT_FEEDBACK_TERMS.office, contact: contact.value.trim(), phone: phone.value.trim() }, when.iso);
      download(r.download);
      return [message("ok", `已生成“${r.download.name}”。`, r.lines)];
    }),
  );
  return s;
}

export function startWorkbench(): void {
  const main = document.getElementById("wb-main")!;
  const status = document.getElementById("wb-status")!;
  const wb = new Workbench();
  const changed = () => {
    status.textContent = `${wb.year} 年度　已选返回文件 ${wb.fileCount} 个${wb.unreadCount ? `（${wb.unreadCount} 个未读取）` : ""}${wb.records.length ? `　采用核定文件 ${wb.records.length} 个` : ""}${wb.platforms.length ? `　采用平台数据 ${wb.platforms.reduce((n, p) => n + p.sheets.length, 0)} 张` : ""}`;
  };
  const steps: [string, string][] = [
    ["wb-template", "生成模板"],
    ["wb-returns", "读取返回的考核表"],
    ["wb-review", "核定表"],
    ["wb-platform", "平台数据"],
    ["wb-summary", "生成汇总"],
    ["wb-feedback", "结果反馈单"],
  ];
  const nav = h(
    "nav",
    { class: "wb-nav", "aria-label": "步骤" },
    ...steps.map(([id, title], i) => h("a", { href: `#${id}` }, h("span", { class: "n" }, `${i + 1}`), title)),
    h("p", { class: "wb-privacy" }, "文件只在本机浏览器中读取和生成，不上传到任何地方；关闭页面后不保留。"),
  );
  const hooks: { refresh?: () => Promise<void> } = {};
  /** The 核定 or the 平台数据 brought back or put aside: the status, and each file's outcome listed anew. */
  const inputsChanged = () => {
    changed();
    void hooks.refresh?.().catch(() => undefined);
  };
  main.replaceChildren(nav, h("div", { class: "wb-steps" }, templateStep(wb), returnsStep(wb, changed, hooks), reviewStep(wb, inputsChanged), platformStep(wb, inputsChanged), summaryStep(wb), feedbackStep(wb)));
  changed();
  document.body.dataset.ready = "true";
}
