// Latency of the database lookup (plan + scoped SQL + execution of the top 3 candidates in parallel)
// for 50 support questions against the demo database. A measurement to read, not a test:
//
//   npx tsx test/lookup/measure-latency.ts                                    # PGlite
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx test/lookup/measure-latency.ts
import type { Viewer } from "../../convex/access/viewer.ts";
import { planLookup } from "../../convex/lookup/plan.ts";
import { runLookup } from "../../convex/lookup/runLookup.ts";
import { buildScopedSelect } from "../../convex/lookup/scopedSql.ts";
import { DEMO_POLICIES, startDemoDatabase } from "./support/demo-database.ts";

const TEMPLATES = [
  "where is my order #{order}?",
  "has order {order} shipped yet?",
  "what's the tracking number for order {order}",
  "is {sku} in stock?",
  "how much is {sku}?",
  "when is my next appointment?",
  "what are the opening hours of the Berlin store?",
  "how do I reset my password?",
  "what are my loyalty points?",
  "my order arriving Nov 24",
];
const ORDERS = ["1001", "1002", "1007", "1012", "1016"];
const SKUS = ["SKU-789", "SKU-101", "SKU-204", "SKU-456", "SKU-678"];

const questions = Array.from({ length: 50 }, (_, i) =>
  TEMPLATES[i % TEMPLATES.length]!.replace("{order}", ORDERS[i % ORDERS.length]!).replace(
    "{sku}",
    SKUS[i % SKUS.length]!,
  ),
);
const viewers: Viewer[] = [
  { kind: "contact", verifiedOwnerKey: "alice@example.com" },
  { kind: "contact", verifiedOwnerKey: null },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

const demo = await startDemoDatabase();
try {
  const input = (question: string, viewer: Viewer) => ({
    question,
    catalog: demo.catalog,
    policies: DEMO_POLICIES,
    viewer,
  });
  // Warm-up: the guard's WASM parser, the connection pool, the server's plan cache.
  for (const question of questions.slice(0, 10))
    await runLookup(demo.connector, input(question, viewers[0]!));

  const planning: number[] = [];
  const total: number[] = [];
  let queries = 0;
  for (const [i, question] of questions.entries()) {
    const viewer = viewers[i % viewers.length]!;
    const start = performance.now();
    for (const candidate of planLookup(question, demo.catalog, DEMO_POLICIES, viewer)) {
      buildScopedSelect({ ...candidate, catalog: demo.catalog, viewer, conditions: candidate.conditions });
    }
    planning.push(performance.now() - start);
    const begin = performance.now();
    const results = await runLookup(demo.connector, input(question, viewer));
    total.push(performance.now() - begin);
    queries += results.length;
  }
  console.log(
    `database: ${demo.cloud.postgres.kind}; ${questions.length} questions, ${queries} candidate queries`,
  );
  console.log(
    `plan + SQL only:        p50 ${ms(percentile(planning, 50))}  p95 ${ms(percentile(planning, 95))}`,
  );
  console.log(
    `plan + SQL + execution: p50 ${ms(percentile(total, 50))}  p95 ${ms(percentile(total, 95))}  max ${ms(Math.max(...total))}`,
  );
} finally {
  await demo.stop();
}
