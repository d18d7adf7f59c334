// Minimal argument parsing shared by the CLI commands: --flag, --key value, positionals.
export interface ParsedArgs {
  positionals: string[];
  /** The last value of each option. */
  options: Map<string, string | true>;
  /** Every value of an option given more than once (--catalog a.json --catalog b.json). */
  repeated?: Map<string, (string | true)[]>;
}

export interface Command {
  summary: string;
  usage: string;
  run(args: ParsedArgs): Promise<number> | number;
}

/** A user-facing failure: printed in Chinese, no stack trace; exit code 2 for bad input. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, (string | true)[]>();
  const set = (name: string, value: string | true) => {
    options.set(name, value);
    repeated.set(name, [...(repeated.get(name) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) set(a.slice(2), argv[++i]);
      else set(a.slice(2), true);
    } else positionals.push(a);
  }
  return { positionals, options, repeated };
}

export function optionString(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === true) throw new CliError(`选项 --${name} 需要一个值`);
  return v;
}

/** Every value of a repeatable option (none: empty). */
export function optionList(args: ParsedArgs, name: string): string[] {
  return (args.repeated?.get(name) ?? (args.options.has(name) ? [args.options.get(name)!] : [])).map((v) => {
    if (v === true) throw new CliError(`选项 --${name} 需要一个值`);
    return v;
  });
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}
