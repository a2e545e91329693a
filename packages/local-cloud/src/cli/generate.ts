/**
 * `pnpm --filter @answerbase/local-cloud generate --orders 1000000 [--database-url URL] [--seed 1]`:
 * fills the demo schema with bench data, generated inside the server (see schema/generate-rows.ts).
 * Apply database-schema.sql first (`apply-schema`). Rerunning replaces the previously generated rows.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { generateRows, MAX_ORDERS, type GenerateProgress } from "../schema/generate-rows.ts";

const USAGE =
  "Usage: tsx src/cli/generate.ts --orders <count> [--database-url postgres://…] [--seed <integer>]\n" +
  "The database comes from --database-url, else from the DATABASE_URL environment variable.";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(1);
}

function parseInteger(flag: string, raw: string | undefined, min: number, max: number): number {
  const value = raw !== undefined && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    fail(
      `--${flag} must be an integer from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}, got ${JSON.stringify(raw ?? "")}.`,
    );
  }
  return value;
}

let args: { orders?: string; seed?: string; "database-url"?: string };
try {
  args = parseArgs({
    options: { orders: { type: "string" }, seed: { type: "string" }, "database-url": { type: "string" } },
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.orders === undefined) fail("Missing --orders: how many orders to generate, e.g. --orders 1000000.");
const orders = parseInteger("orders", args.orders, 1, MAX_ORDERS);
const seed = args.seed === undefined ? 1 : parseInteger("seed", args.seed, 0, 0xffffffff);
const databaseUrl = args["database-url"] ?? process.env.DATABASE_URL;
if (!databaseUrl)
  fail("No database: pass --database-url postgres://… or set the DATABASE_URL environment variable.");

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
// Chunks run one after another, so the time since the previous report is the time of this chunk (the
// first one also includes removing the rows of a previous run).
let lastReportAt = performance.now();
const busyMs = new Map<string, number>();
function report({ table, rows, total }: GenerateProgress): void {
  const now = performance.now();
  const ms = (busyMs.get(table) ?? 0) + (now - lastReportAt);
  busyMs.set(table, ms);
  lastReportAt = now;
  const percent = ((rows / total) * 100).toFixed(0).padStart(3);
  console.log(
    `${table.padEnd(16)} ${fmt(rows).padStart(11)} / ${fmt(total).padEnd(11)} ${percent}%  ${fmt(rows / (ms / 1000))} rows/s`,
  );
}

const client = new pg.Client({ connectionString: databaseUrl });
const started = performance.now();
try {
  await client.connect();
  console.log(`Generating ${fmt(orders)} orders (seed ${seed})…`);
  lastReportAt = performance.now();
  const timings = await generateRows(client, { orders, seed, onProgress: report });
  console.log("\nSummary");
  for (const { table, rows, ms } of timings) {
    console.log(
      `  ${table.padEnd(16)} ${fmt(rows).padStart(11)} rows  ${(ms / 1000).toFixed(1).padStart(6)} s  ${fmt(rows / (ms / 1000)).padStart(9)} rows/s`,
    );
  }
  console.log(
    `  ${"total".padEnd(16)} ${fmt(timings.reduce((sum, t) => sum + t.rows, 0)).padStart(11)} rows  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s (wall clock, incl. cleanup)`,
  );
} catch (error) {
  console.error(`Could not generate rows: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end().catch(() => undefined);
}
