const warnedBy = new WeakMap<(message: string) => void, Set<string>>();

/** Gives each distinct message to `warn` once per process: a fallback is worth one line, not one per call. */
export function warnOnce(warn: (message: string) => void, message: string): void {
  const seen = warnedBy.get(warn) ?? new Set<string>();
  warnedBy.set(warn, seen);
  if (seen.has(message)) return;
  seen.add(message);
  warn(message);
}
