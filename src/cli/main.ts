// Command line: npm run cli -- <command> [options]. Each command lives in src/cli/commands/<name>.ts.
import { CliError, parseArgs, type Command } from "./args";
import { catalogCommand } from "./commands/catalog";
import { checkCommand } from "./commands/check";
import { scoreCommand } from "./commands/score";
import { summaryCommand } from "./commands/summary";
import { templateCommand } from "./commands/template";

const COMMANDS: Record<string, Command> = {
  catalog: catalogCommand,
  score: scoreCommand,
  summary: summaryCommand,
  check: checkCommand,
  template: templateCommand,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}\n      用法：npm run cli -- ${c.usage}`);
  return `信用鹤岗考核命令行\n\n命令：\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`未知命令“${name}”。\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(parseArgs(rest));
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`错误：${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A fault of the program, never of the user's input (those are CliErrors, exit 2). Every file is written
    // through a temporary file and a rename, so nothing the user holds was damaged.
    const detail = process.env.CREDIT_DEBUG ? `\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : "（设置环境变量 CREDIT_DEBUG=1 再运行可显示技术细节）";
    process.stderr.write(`内部错误：程序遇到了意外情况，已有文件均未改动。请把所用的命令和文件交给维护人员${detail}\n`);
    process.exitCode = 3;
  },
);
