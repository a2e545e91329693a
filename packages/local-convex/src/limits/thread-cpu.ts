import { readFileSync } from "node:fs";

/**
 * CPU time (ms) of the calling thread. A transaction's user time must not include what worker threads
 * (the embedder pool) or libuv's pool (scrypt, zlib) spend meanwhile, which `process.cpuUsage()` counts:
 * on two busy cores that turned a sign-in's 20 ms mutation into "Function execution timed out".
 * Linux gives the thread's own clock in /proc (10 ms ticks, enough for a 1 s limit); elsewhere the
 * process's clock is the closest Node offers before `process.threadCpuUsage` (Node 23).
 */
/** USER_HZ is 100 on every Linux architecture Node supports. */
const TICK_MS = 10;

export const threadCpuMs: () => number = (() => {
  const read = (): number => {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  };
  try {
    if (Number.isFinite(read())) return read;
  } catch {
    // Not Linux: fall through.
  }
  return () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
})();
