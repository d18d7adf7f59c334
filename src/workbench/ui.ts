// The workbench page's steps (Chinese, desktop): each step calls work.ts, which does what the command line
// does; this file only builds the DOM (text through textContent, never HTML), shows progress with a cancel
// button, lists outcomes and hands files to the browser as downloads. Nothing is sent anywhere.
import { formatPoints } from "../core/format";
import { UNIT_KIND_LABEL, checkWeight, DEFAULT_WEIGHT, type UnitKind } from "../core/index";
import { DEFAULT_FEEDBACK_TERMS, feedbackDays, recordDate } from "../core/index";
import type { Variant } from "../layout/template/types";
import { WorkbookReadError } from "../read/index";
import { auditTime } from "../review/verification";
import { Cancelled, defaultUnits, templatesZip, unitNames, Workbench, type Download, type FileOutcome } from "./work";

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

  constructor() {
    this.cancel.addEventListener("click", () => {
      this.cancelled = true;
      this.label.textContent = "正在取消…";
    });
  }

  /** Progress; yields to the browser now and then; throws Cancelled once 取消 was pressed. */
  readonly progress = async (done: number, total: number, what = ""): Promise<void> => {
    this.bar.max = Math.max(total, 1);
    this.bar.value = done;
    if (this.cancelled) throw new Cancelled();
    const now = performance.now();
    if (now - this.last > 40 || done === total) {
      this.last = now;
      this.label.textContent = `${done} / ${total}${what ? `　${what}` : ""}`;
      await new Promise((r) => setTimeout(r, 0));
      if (this.cancelled) throw new Cancelled();
    }
  };
}

/** Runs one step: disables its buttons, shows progress, puts the outcome (or the Chinese reason) in `out`. */
async function run(step: HTMLElement, out: HTMLElement, work: (busy: Busy) => Promise<Child[] | void>): Promise<void> {
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
    if (e instanceof Cancelled) out.replaceChildren(message("", "已取消。已读取的文件保留；再点一次继续。"));
    else if (e instanceof WorkbookReadError) out.replaceChildren(message("err", e.message));
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

function step(id: string, n: number, title: string, hint: string, ...body: Child[]): HTMLElement {
  return h("section", { class: "wb-step", id }, h("h2", {}, h("span", { class: "n" }, `${n}`), title), h("p", { class: "hint" }, hint), ...body);
}

const kindSelect = (name: string) =>
  h("select", { name }, h("option", { value: "county" }, UNIT_KIND_LABEL.county), h("option", { value: "department" }, UNIT_KIND_LABEL.department));

function templateStep(): HTMLElement {
  const kind = kindSelect("kind");
  const variant = h("select", { name: "variant" }, h("option", { value: "addin" }, "默认（有加载项时显示详细说明，任何 Excel、WPS 都能计分）"), h("option", { value: "portable" }, "通用公式（只用 Excel 原生公式）"));
  const units = h("textarea", { name: "units", spellcheck: "false" });
  const fill = () => (units.value = defaultUnits(kind.value as UnitKind).join("\n"));
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
    }),
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

function returnsStep(wb: Workbench, changed: () => void): HTMLElement {
  const pick = h("input", { type: "file", multiple: "", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id: "wb-returns-input" });
  const folder = h("input", { type: "file", id: "wb-returns-folder" });
  (folder as HTMLInputElement & { webkitdirectory: boolean }).webkitdirectory = true;
  const clear = h("button", { type: "button" }, "清空");
  const drop = h("div", { class: "wb-drop", id: "wb-drop" }, h("strong", {}, "把返回的考核表（可多选）拖到这里"), h("br"), "或　", fileButton("选择文件…", pick), "　", fileButton("选择整个文件夹…", folder));
  const only = h("input", { type: "checkbox", id: "wb-only-problems" });
  const out = h("div", { id: "wb-returns-out" });
  const table = h("div");
  let last: FileOutcome[] = [];
  const s = step(
    "wb-returns",
    2,
    "读取返回的考核表",
    "逐个读取各单位发回的 .xlsx，重新计分并检查（与命令行 check、summary 相同的规则和原因）；每个文件的结果列在下面。文件只在本机读取。",
    drop,
    h("div", { class: "wb-row" }, clear),
    out,
    h("div", { class: "wb-filter" }, h("label", {}, only, "只看有问题的文件")),
    table,
  );
  const show = () => table.replaceChildren(last.length ? outcomeTable(last, only.checked) : "");
  only.addEventListener("change", show);
  const add = (files: File[]) =>
    run(s, out, async (busy) => {
      wb.addReturns(files);
      changed();
      await wb.readAll((done, total, name) => busy.progress(done, total, name));
      last = await wb.outcomes();
      show();
      changed();
      const count = (st: FileOutcome["state"]) => last.filter((r) => r.state === st).length;
      const units = last.reduce((n, r) => n + r.units.length, 0);
      const withErrors = last.filter((r) => r.units.some((u) => u.errors)).length;
      return [
        message(count("未读取") || count("未认定") || withErrors ? "err" : "ok", `共 ${wb.fileCount} 个文件：读取 ${count("已读取")} 个（${units} 个单位，其中 ${withErrors} 个文件有须改正的问题），未读取 ${count("未读取")} 个，未认定 ${count("未认定")} 个，跳过 ${count("已跳过")} 个。`),
      ];
    });
  pick.addEventListener("change", () => {
    if (pick.files?.length) void add(Array.from(pick.files));
    pick.value = "";
  });
  folder.addEventListener("change", () => {
    // A folder's own files, as the command line reads a folder: its subfolders' files are not returns.
    const files = Array.from(folder.files ?? []);
    const top = files.filter((f) => (f.webkitRelativePath || f.name).split("/").length <= 2);
    if (files.length) void add(top.length ? top : files);
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
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) void add(files);
  });
  clear.addEventListener("click", () => {
    wb.clearReturns();
    last = [];
    show();
    out.replaceChildren();
    changed();
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
    "每个单位每条条款一行，“需关注”的行在前。下载后在 Excel、WPS 或 LibreOffice 中填写“核定”列（同意自评或改判），保存后在这里带回；带回的核定用于汇总和反馈单（与命令行 review、summary --records 相同）。也可带回在加载项中核定后保存的工作簿（读其中的“核定记录”）。",
    h("div", { class: "wb-row" }, make),
    out,
    h("div", { class: "wb-row" }, fileButton("带回填好的核定表或核定记录…", back), h("span", { class: "hint" }, "可多个，后选的优先"), clear),
    recordsOut,
  );
  const showRecords = () =>
    recordsOut.replaceChildren(
      ...(wb.records.length
        ? [message("ok", `采用的核定：${wb.records.map((f) => `“${f.file}”的${f.kind}（${f.entries} 条${f.problems.length ? `，${f.problems.length} 行未采用` : ""}）`).join("；")}`, wb.records.flatMap((f) => f.problems).slice(0, 50))]
        : []),
    );
  make.addEventListener("click", () =>
    run(s, out, async () => {
      if (!wb.fileCount) return [message("err", "请先在第 2 步读取返回的考核表。")];
      const r = await wb.reviewSheet();
      download(r.download);
      return [message(r.notes.length ? "err" : "ok", `已生成核定表“${r.download.name}”：${r.rows} 个条款，需关注 ${r.attention} 行。`, r.notes.slice(0, 50))];
    }),
  );
  back.addEventListener("change", () => {
    const files = Array.from(back.files ?? []);
    back.value = "";
    void run(s, recordsOut, async () => {
      const refused: string[] = [];
      for (const f of files) {
        try {
          await wb.addRecords(f);
        } catch (e) {
          if (!(e instanceof WorkbookReadError)) throw e;
          refused.push(`无法使用“${f.name}”：${e.message.replace(/^中/, "其中")}`);
        }
      }
      changed();
      showRecords();
      return [...Array.from(recordsOut.childNodes), refused.length ? message("err", "以下文件未采用：", refused) : null];
    });
  });
  clear.addEventListener("click", () => {
    wb.clearRecords();
    showRecords();
    changed();
  });
  return s;
}

function platformStep(wb: Workbench): HTMLElement {
  const kind = kindSelect("platform-kind");
  const go = h("button", { type: "button", class: "primary", id: "wb-make-platform" }, "下载平台数据表");
  const out = h("div", { id: "wb-platform-out" });
  const s = step("wb-platform", 4, "平台数据", "考核组填写从信用平台调阅的数据的表格（每个单位一行），与命令行 platform --kind … --out 相同。", h("div", { class: "wb-row" }, h("label", {}, "单位类别", kind), go), out);
  go.addEventListener("click", () =>
    run(s, out, async () => {
      const d = await wb.platformSheet(kind.value as UnitKind);
      download(d);
      return [message("ok", `已生成“${d.name}”。请把调阅的数据填写或粘贴到浅黄色单元格。`)];
    }),
  );
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
    "重新计分、排名，采用第 3 步带回的核定。下载两个文件：完整的汇总（汇总表与工作记录）和报送用的汇总表（只含汇总表），与命令行 summary 写出的相同。",
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
    status.textContent = `${wb.year} 年度　已选返回文件 ${wb.fileCount} 个${wb.records.length ? `　采用核定文件 ${wb.records.length} 个` : ""}`;
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
  main.replaceChildren(nav, h("div", { class: "wb-steps" }, templateStep(), returnsStep(wb, changed), reviewStep(wb, changed), platformStep(wb), summaryStep(wb), feedbackStep(wb)));
  changed();
  document.body.dataset.ready = "true";
}
