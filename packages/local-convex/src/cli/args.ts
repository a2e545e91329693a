/** Flags that never take a value, so `run --watch mod:fn` keeps `mod:fn` positional. */
const BOOLEAN_FLAGS = new Set(["watch", "check", "no-crons", "no-history"]);

/** `--name value` / `--flag` options and positional arguments. */
export function parseArgs(argv: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) options.set(name, inline);
    else if (next !== undefined && !next.startsWith("--") && !BOOLEAN_FLAGS.has(name)) {
      options.set(name, next);
      i++;
    } else options.set(name, true);
  }
  return { positional, options };
}

export function stringOption(
  options: Map<string, string | true>,
  name: string,
  fallback?: string,
): string | undefined {
  const value = options.get(name);
  return typeof value === "string" ? value : fallback;
}
