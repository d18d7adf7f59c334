// The command line as a process — what `npm run cli -- …` starts (node scripts/cli.cjs): exit statuses and which
// stream says what, the program built from the sources on demand (rebuilt when a source changes, never when
// none did), the TypeScript fallback where esbuild cannot run. Everything else about the commands is tested
// in-process (test/helpers/cli.ts), which runs the same runCli.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "../../src/cli/commands/index";
import { cli, cliProcess } from "../helpers/cli";
import { ROOT } from "../helpers/paths";
import { returnedFile } from "../review/helpers";

const tmp = mkdtempSync(join(tmpdir(), "credit-process-"));

describe("exit status and streams of the real program", () => {
  const clean = join(tmp, "兴山区-2022-县区.xlsx");
  const blank = join(tmp, "向阳区-2022-县区.xlsx");
  beforeAll(async () => {
    writeFileSync(clean, await returnedFile("兴山区", "county"));
    writeFileSync(blank, await returnedFile("向阳区", "county", { values: { meetingsHeld: null } }));
  });

  test("check: 0 and the verdict on stdout for a clean file, 1 with the problems, 2 in Chinese on stderr for a missing file", () => {
    const ok = cliProcess("check", clean, "--year", "2022");
    expect([ok.code, ok.err, ok.out]).toEqual([0, "", expect.stringContaining("未发现须改正的问题")]);
    const bad = cliProcess("check", blank, "--year", "2022");
    expect([bad.code, bad.err, bad.out]).toEqual([1, "", expect.stringMatching(/\[错误\] “向阳区”工作表 [A-Z]+\d+：“本年度召开信用工作会议次数”未填写/)]);
    const none = cliProcess("check", join(tmp, "没有.xlsx"));
    expect([none.code, none.out, none.err]).toEqual([2, "", expect.stringMatching(/^错误：找不到“.*没有\.xlsx”/)]);
  });

  test("no command: the usage on stdout, exit 2; help: exit 0; an unknown command (even toString): exit 2 on stderr", () => {
    const bare = cliProcess();
    expect([bare.code, bare.err]).toEqual([2, ""]);
    for (const name of Object.keys(COMMANDS)) expect(bare.out).toContain(`npm run cli -- ${name}`);
    expect(cliProcess("help").code).toBe(0);
    for (const name of ["nosuch", "toString", "constructor"]) {
      const r = cliProcess(name);
      expect([name, r.code, r.out, r.err]).toEqual([name, 2, "", expect.stringContaining(`未知命令“${name}”`)]);
    }
  });
});

test("a fault of the program is exit 3 with a Chinese message and no stack trace, unless CREDIT_DEBUG asks for it", async () => {
  COMMANDS.boom = async () => ({ summary: "测试", usage: "boom", run: () => Promise.reject(new TypeError("Cannot read properties of undefined")) });
  const debug = process.env.CREDIT_DEBUG;
  try {
    delete process.env.CREDIT_DEBUG;
    const r = await cli("boom");
    expect([r.code, r.out]).toEqual([3, ""]);
    expect(r.err).toMatch(/^内部错误：程序遇到了意外情况，已有文件均未改动。.*CREDIT_DEBUG=1/);
    expect(r.err).not.toMatch(/TypeError|\n\s+at /);
    process.env.CREDIT_DEBUG = "1";
    expect((await cli("boom")).err).toMatch(/TypeError: Cannot read properties of undefined\n\s+at /);
  } finally {
    delete COMMANDS.boom;
    if (debug === undefined) delete process.env.CREDIT_DEBUG;
    else process.env.CREDIT_DEBUG = debug;
  }
});

describe("built on demand from the sources of the checkout", () => {
  // A copy of the checkout's sources beside links to its packages: builds there touch nothing of this tree.
  const copy = join(tmp, "checkout");
  const built = join(copy, "node_modules", ".cache", "credit-cli", "cli.cjs");
  const run = (env: Record<string, string> = {}, ...args: string[]) => {
    const r = spawnSync(process.execPath, [join(copy, "scripts", "cli.cjs"), ...args], { cwd: copy, encoding: "utf8", env: { ...process.env, ...env } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  beforeAll(() => {
    for (const f of ["src", "package.json", "tsconfig.json", "scripts/cli.cjs"]) cpSync(join(ROOT, f), join(copy, f), { recursive: true });
    mkdirSync(join(copy, "node_modules"));
    for (const p of readdirSync(join(ROOT, "node_modules"))) if (p !== ".cache") symlinkSync(join(ROOT, "node_modules", p), join(copy, "node_modules", p));
  });

  test("built at the first command, not again while nothing changed, again when a source changed", () => {
    const first = run({}, "catalog", "--kind", "county", "--year", "2022");
    expect([first.code, first.err]).toEqual([0, ""]);
    expect(first.out).toContain("1.1.1  扣2.5分");
    const at = statSync(built).mtimeMs;
    expect(run({}, "catalog", "--kind", "county", "--year", "2022").out).toBe(first.out);
    expect(statSync(built).mtimeMs).toBe(at);
    const catalog = join(copy, "src", "cli", "commands", "catalog.ts");
    writeFileSync(catalog, readFileSync(catalog, "utf8").replace('summary: "打印考核指标目录"', 'summary: "打印考核指标目录（改过）"'));
    expect(run({}, "help").out).toContain("打印考核指标目录（改过）");
    expect(statSync(built).mtimeMs).not.toBe(at);
  });

  test("a source that does not compile: exit 3 naming the file and line, nothing run", () => {
    const check = join(copy, "src", "cli", "commands", "check.ts");
    const good = readFileSync(check, "utf8");
    writeFileSync(check, `${good}\nexport const broken = ;\n`);
    try {
      const r = run({}, "help");
      expect([r.code, r.out]).toEqual([3, ""]);
      expect(r.err).toMatch(/^命令行无法构建，源文件有错误：\nsrc\/cli\/commands\/check\.ts:\d+:\d+: /);
    } finally {
      writeFileSync(check, good);
    }
    expect(run({}, "help").code).toBe(0);
  });

  test("where esbuild cannot run, TypeScript's transpiler runs the same sources to the same output", () => {
    const args = ["catalog", "--kind", "department", "--json", "--year", "2022"];
    const viaBuild = run({}, ...args);
    const viaSource = run({ CREDIT_CLI_FROM_SOURCE: "1" }, ...args);
    expect(viaSource).toEqual(viaBuild);
    expect(viaBuild.code).toBe(0);
  });
});
