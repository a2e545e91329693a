// The SQL console through every provider of the local cloud: pages, a refused write, a syntax error
// with its position, the history and the audit (counts and timings, no values), and cancel.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  createUser,
  demoConfigs,
  deploymentEnv,
  grantPrivateNetworks,
  startBackend,
  type Backend,
  type Caller,
} from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.stop();
});

const PROVIDERS = ["postgres", "neon", "aurora_data_api", "redshift (serverless)", "redshift (cluster)"];
let serial = 0;
const runId = () => `run-${++serial}`;

async function connected(provider: string) {
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
  const t: Backend = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId: Id<"organizations"> = await owner.as.mutation(api.private.organizations.create, {
    name: "Brightside",
  });
  await grantPrivateNetworks(t, organizationId);
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud)[provider]!,
  });
  return { t, as: owner.as as Caller, organizationId };
}

describe.each(PROVIDERS)("%s", (provider) => {
  it("pages a query, refuses a write, shows a syntax error's position, keeps history and audit", async () => {
    const { as, organizationId } = await connected(provider);
    // The demo has 16 orders: their cross join is 256 rows, ordered, so page 2 is known by hand.
    const sql = "SELECT o.id AS a, p.id AS b FROM orders o CROSS JOIN orders p ORDER BY 1, 2";
    const run = (page: number, text = sql) =>
      as.action(api.private.sqlConsoleActions.run, {
        organizationId,
        sql: text,
        pageSize: 50,
        page,
        runId: runId(),
      });
    const cells = (rows: unknown[][]) => rows.map((row) => row.map(String));

    const first = await run(0);
    expect(first.columns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(first.rows).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    expect(cells(first.rows).slice(0, 2)).toEqual([
      ["1", "1"],
      ["1", "2"],
    ]);
    const second = await run(1);
    expect(second.rows).toHaveLength(50);
    expect(cells(second.rows)[0]).toEqual(["4", "3"]); // row 51
    await expect(run(0, "DELETE FROM orders")).rejects.toMatchObject({ data: { code: "rejected_sql" } });
    await expect(run(0, "SELECT id FROM orders WHERE")).rejects.toMatchObject({
      data: { code: "syntax", sqlState: "42601", position: 28 },
    });

    const history = await as.query(api.private.sqlConsole.history, { organizationId });
    expect(history.map((entry) => [entry.sql, entry.outcome.kind])).toEqual([
      ["SELECT id FROM orders WHERE", "error"],
      ["DELETE FROM orders", "error"],
      [sql, "ok"], // its second page is not a new entry
    ]);
    expect(history[2]?.outcome).toMatchObject({ kind: "ok", rowCount: 50 });

    const audit = await as.query(api.private.auditLog.list, {
      organizationId,
      operation: "sql_console",
      paginationOpts: { numItems: 10, cursor: null },
    });
    const entries = audit.page.map((event) => `${event.outcome.kind}:${event.rowCount ?? "-"}`);
    expect(entries.sort()).toEqual(["error:-", "error:-", "ok:50", "ok:50"]);
    expect(audit.page.every((event) => event.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(audit.page)).not.toContain("DELETE");
  });
});

describe("cancel", () => {
  it("stops a running query on postgres and says the statement was cancelled", async () => {
    const { as, organizationId } = await connected("postgres");
    const id = runId();
    // The guard refuses pg_sleep; a cross join of the orders table eight times runs for minutes.
    const slow = `SELECT count(*) FROM ${Array.from({ length: 8 }, (_, i) => `orders o${i}`).join(", ")}`;
    const running = as
      .action(api.private.sqlConsoleActions.run, {
        organizationId,
        sql: slow,
        pageSize: 50,
        page: 0,
        runId: id,
      })
      .then(
        () => "finished",
        (error: { data?: { message?: string } }) => error.data?.message,
      );
    await expect
      .poll(() => as.action(api.private.sqlConsoleActions.cancel, { organizationId, runId: id }), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(await running).toBe("The statement was cancelled.");
  });

  it.each(["aurora_data_api", "redshift (serverless)"])("%s says it cannot cancel", async (provider) => {
    const { as, organizationId } = await connected(provider);
    await expect(
      as.action(api.private.sqlConsoleActions.cancel, { organizationId, runId: runId() }),
    ).rejects.toMatchObject({ data: { code: "unsupported" } });
  });
});
