// The command line as a function: runCli(argv) → exit code, writing to process.stdout / process.stderr.
// src/cli/main.ts calls it for `npm run cli`; tests call it in-process (test/helpers/cli.ts).
import { CliError, parseArgs } from "./args";
import { COMMANDS } from "./commands/index";

async function usage(): Promise<string> {
  const lines: string[] = [];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const c = await load();
    lines.push(`  ${name.padEnd(10)} ${c.summary}\n      用法：npm run cli -- ${c.usage}`);
  }
  return `信用鹤岗考核命令行\n\n命令：\n${lines.join("\n")}\n`;
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(await usage());
    return name ? 0 : 2;
  }
  // Own names only: `toString` or `constructor` is an unknown command, not Object's method.
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`未知命令“${name}”。\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
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

/**
 * Runs one command: 0/1/2 as the command says (2: unusable input, in Chinese); 3 for a fault of the program,
 * never of the user's input. Every file is written through a temporary file and a rename, so nothing the
 * user holds was damaged.
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    const detail = process.env.CREDIT_DEBUG ? `\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : "（设置环境变量 CREDIT_DEBUG=1 再运行可显示技术细节）";
    process.stderr.write(`内部错误：程序遇到了意外情况，已有文件均未改动。请把所用的命令和文件交给维护人员${detail}\n`);
    return 3;
  }
}
