/**
 * `pnpm bench sql-guard`: what the read-only SQL guard adds to every agent query. The WASM parser's
 * one-time load is measured in fresh processes (in this one it may already be loaded); then the
 * per-call latency of accepted and refused statements from the test corpora.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defineSuite } from "@answerbase/bench";
import type { Catalog, TableInfo } from "../src/core/connector.ts";
import { analyzeSelect, guardReadOnlySelect, loadParser } from "../src/sql-guard/index.ts";
import { GUARD_BYPASSES } from "../test/fixtures/guard-bypasses.ts";
import { GUARD_LEGITIMATE } from "../test/fixtures/guard-legitimate.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

function table(schema: string, name: string): TableInfo {
  return {
    schema,
    name,
    kind: "table",
    comment: null,
    estimatedRows: null,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
  };
}
const PUBLIC_TABLES = [
  "customers",
  "StoreLocations",
  "product_categories",
  "products",
  "orders",
  "order_items",
];
const CATALOG: Catalog = {
  tables: [
    ...[...PUBLIC_TABLES, "inventory_events", "appointments", "order_summaries"].map((n) =>
      table("public", n),
    ),
    table("support", "tickets"),
    table("support", "ticket_messages"),
  ],
};

/** Import + WASM compile + first parse, in a new Node process: what a cold server pays once. */
async function coldLoadMs(): Promise<{ loadMs: number; firstParseMs: number }> {
  const script = `
    const t0 = performance.now();
    const m = await import("libpg-query");
    await m.loadModule();
    const t1 = performance.now();
    await m.parse("SELECT id FROM orders WHERE order_number = $1");
    console.log(JSON.stringify({ loadMs: t1 - t0, firstParseMs: performance.now() - t1 }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: packageDir });
  return JSON.parse(stdout) as { loadMs: number; firstParseMs: number };
}

let accepted = 0;
let refused = 0;

export default defineSuite({
  name: "sql-guard",
  description: "SQL guard: parser load time and per-query latency over the bypass and legitimate corpora",
  async setup() {
    await loadParser();
    return {};
  },
  cases: [
    {
      kind: "custom",
      name: "libpg-query load in a fresh process (median of 5)",
      async measure() {
        const runs: { loadMs: number; firstParseMs: number }[] = [];
        for (let i = 0; i < 5; i++) runs.push(await coldLoadMs());
        const median = (values: number[]) => values.sort((a, b) => a - b)[2] ?? Number.NaN;
        const round = (n: number) => Math.round(n * 10) / 10;
        return {
          loadMs: round(median(runs.map((r) => r.loadMs))),
          firstParseMs: round(median(runs.map((r) => r.firstParseMs))),
        };
      },
    },
    {
      kind: "latency",
      name: `accepted: ${GUARD_LEGITIMATE.length} legitimate queries, round robin`,
      iterations: 5_000,
      run: async () => {
        const query = GUARD_LEGITIMATE[accepted++ % GUARD_LEGITIMATE.length]!;
        await guardReadOnlySelect(query.sql, undefined, CATALOG);
      },
    },
    {
      kind: "latency",
      name: `refused: ${GUARD_BYPASSES.length} known bypasses, round robin`,
      iterations: 5_000,
      run: async () => {
        const bypass = GUARD_BYPASSES[refused++ % GUARD_BYPASSES.length]!;
        const outcome = await guardReadOnlySelect(bypass.sql, bypass.allowedTables, CATALOG).then(
          () => "accepted",
          () => "refused",
        );
        if (outcome !== "refused") throw new Error(`the guard accepted ${bypass.sql}`);
      },
    },
    {
      kind: "latency",
      name: "largest accepted shape: 95 nested calls",
      iterations: 1_000,
      run: async () => {
        await analyzeSelect(`SELECT ${"lower(".repeat(95)}'x'${")".repeat(95)}`, CATALOG);
      },
    },
  ],
});
