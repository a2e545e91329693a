/**
 * Convex's per-function limits, with the values and error texts of the open-source backend
 * (get-convex/convex-backend, `crates/common/src/knobs.rs`, `crates/database/src/{reads,writes}.rs`,
 * `crates/model/src/scheduled_jobs/mod.rs`, `crates/common/src/document.rs`, `crates/udf/src/helpers.rs`,
 * `crates/isolate/src/{helpers,termination}.rs`), as documented on https://docs.convex.dev/production/state/limits.
 */
export const LIMITS = {
  /** TRANSACTION_MAX_READ_SIZE_ROWS */
  documentsRead: 32_000,
  /** TRANSACTION_MAX_READ_SIZE_BYTES */
  bytesRead: 16 * 1024 * 1024,
  /** TRANSACTION_MAX_READ_SET_INTERVALS: index ranges (each `get`, query and page is one) */
  indexRanges: 4096,
  /** TRANSACTION_MAX_NUM_USER_WRITES */
  documentsWritten: 16_000,
  /** TRANSACTION_MAX_USER_WRITE_SIZE_BYTES */
  bytesWritten: 16 * 1024 * 1024,
  /** TRANSACTION_MAX_NUM_SCHEDULED */
  functionsScheduled: 1000,
  /** TRANSACTION_MAX_SCHEDULED_TOTAL_ARGUMENT_SIZE_BYTES */
  scheduledArgsBytes: 16 * 1024 * 1024,
  /** MAX_USER_SIZE (document.rs) */
  documentBytes: 1024 * 1024,
  /** MAX_DOCUMENT_NESTING (document.rs) */
  documentNesting: 16,
  /** FUNCTION_MAX_ARGS_SIZE */
  argsBytes: 16 * 1024 * 1024,
  /** FUNCTION_MAX_RESULT_SIZE */
  resultBytes: 16 * 1024 * 1024,
  /** DATABASE_UDF_USER_TIMEOUT: queries and mutations */
  transactionMs: 1000,
  /** The documented action limit (NODE_ACTION_USER_TIMEOUT; Convex cloud documents 10 minutes for both runtimes) */
  actionMs: 10 * 60 * 1000,
} as const;

export type LimitsMode = "enforced" | "relaxed";

/**
 * `LOCAL_CONVEX_LIMITS=relaxed` turns every limit off, for benches that measure the engine itself on
 * more data than one function may touch. Tests never set it: they run with the deployment's limits.
 */
export function limitsMode(): LimitsMode {
  return process.env.LOCAL_CONVEX_LIMITS === "relaxed" ? "relaxed" : "enforced";
}

const OVER_LIMIT_HELP =
  "Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.";

/** The backend's `format_bytes` (common/src/fmt.rs): the unit that divides most cleanly. */
export function formatBytes(n: number): string {
  if (n === 0) return "0 bytes";
  const units: [number, string][] = [
    [1 << 30, "GiB"],
    [1_000_000_000, "GB"],
    [1 << 20, "MiB"],
    [1_000_000, "MB"],
    [1 << 10, "KiB"],
    [1_000, "KB"],
  ];
  for (const [size, name] of units) {
    if (n < size) continue;
    if (n % size === 0) return `${n / size} ${name}`;
    if ((n * 10) % size === 0) return `${Math.floor(n / size)}.${Math.floor((n * 10) / size) % 10} ${name}`;
  }
  return `${n} bytes`;
}

/** humansize's `format_size(n, BINARY)`, which the backend uses for value sizes: "1.5 MiB", "512 B". */
export function formatSizeBinary(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${n} B`;
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}

/** The deployment's error text for each limit. */
export const limitMessages = {
  documentsRead: () =>
    `Too many documents read in a single function execution (limit: ${LIMITS.documentsRead}). ${OVER_LIMIT_HELP}`,
  bytesRead: () =>
    `Too many bytes read in a single function execution (limit: ${LIMITS.bytesRead} bytes). ${OVER_LIMIT_HELP}`,
  indexRanges: () =>
    `Too many reads in a single function execution (limit: ${LIMITS.indexRanges}). ${OVER_LIMIT_HELP}`,
  documentsWritten: () =>
    `Too many writes in a single function execution (limit: ${LIMITS.documentsWritten})`,
  bytesWritten: () =>
    `Too many bytes written in a single function execution (limit: ${formatBytes(LIMITS.bytesWritten)})`,
  functionsScheduled: () =>
    `Too many functions scheduled by this mutation (limit: ${LIMITS.functionsScheduled})`,
  scheduledArgsBytes: () =>
    `Too large total size of the arguments of scheduled functions from this mutation (limit: ${LIMITS.scheduledArgsBytes} bytes)`,
  documentBytes: (size: number) =>
    `Value is too large (${formatSizeBinary(size)} > maximum size ${formatSizeBinary(LIMITS.documentBytes)})`,
  documentNesting: (nesting: number) =>
    `Document is too nested (nested ${nesting} levels deep > maximum nesting ${LIMITS.documentNesting})`,
  argsBytes: (udfPath: string, size: number) =>
    `Arguments for ${udfPath} are too large (actual: ${formatSizeBinary(size)}, limit: ${formatSizeBinary(LIMITS.argsBytes)})`,
  resultBytes: (udfPath: string, size: number) =>
    `Function ${udfPath} return value is too large (actual: ${formatSizeBinary(size)}, limit: ${formatSizeBinary(LIMITS.resultBytes)})`,
  /** Rust's `Duration` Debug: `1s`, `600s`. */
  timeout: (ms: number) => `Function execution timed out (maximum duration: ${ms / 1000}s)`,
};
