/*
 * How the agent's two sources run: each under its own hard timeout, both at once (or one after the
 * other, only to measure what parallel saves), and a failure or timeout is a result, never a throw, so
 * one source going wrong cannot take the other's answer with it. Plain, no Convex: unit-tested alone.
 */

export class SourceTimeout extends Error {}

export type Timed<T> = { ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number };

export async function timed<T>(work: () => Promise<T>, timeoutMs: number): Promise<Timed<T>> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceTimeout()), timeoutMs);
  });
  try {
    return { ok: true, value: await Promise.race([work(), deadline]), ms: performance.now() - started };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export async function runBoth<A, B>(
  first: () => Promise<A>,
  second: () => Promise<B>,
  options: { timeoutMs: number; sequential: boolean },
): Promise<[Timed<A>, Timed<B>]> {
  if (options.sequential) {
    const a = await timed(first, options.timeoutMs);
    return [a, await timed(second, options.timeoutMs)];
  }
  return await Promise.all([timed(first, options.timeoutMs), timed(second, options.timeoutMs)]);
}
