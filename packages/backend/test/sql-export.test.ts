// The SQL console's CSV export through every provider of the local cloud: the one-time ticket, the
// streamed file (RFC 4180 quoting) over the deployment's HTTP router, a refused statement, the audit
// (row count and duration, no values), and a download that goes away mid-file.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { csvLine } from "../convex/sqlConsole/csv";
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

const download = (t: Backend, ticket: string) =>
  t.fetch("/sql/export", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ticket }).toString(),
  });

async function settled(as: Caller, organizationId: Id<"organizations">, exportId: Id<"sqlConsoleExports">) {
  for (let i = 0; i < 200; i++) {
    const status = await as.query(api.private.sqlConsole.exportStatus, { organizationId, exportId });
    if (status !== null && status.kind !== "running" && status.kind !== "ready") return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the export did not finish");
}

describe("csvLine", () => {
  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(csvLine(["plain", 'say "hi"', "a,b", "two\nlines", null, 42, true, { k: [1] }])).toBe(
      'plain,"say ""hi""","a,b","two\nlines",,42,true,"{""k"":[1]}"\r\n',
    );
  });
});

describe.each(PROVIDERS)("%s", (provider) => {
  it("streams every row as CSV once per ticket, refuses a write, audits counts only", async () => {
    const { t, as, organizationId } = await connected(provider);
    const sql = `SELECT id, 'a,"b"' AS quoted FROM orders WHERE id <= $1 ORDER BY id`;
    const { exportId, ticket } = await as.mutation(api.private.sqlConsole.prepareExport, {
      organizationId,
      sql,
      params: [3],
    });
    const response = await download(t, ticket);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="answerbase-sql-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv"$/,
    );
    expect(await response.text()).toBe('id,quoted\r\n1,"a,""b"""\r\n2,"a,""b"""\r\n3,"a,""b"""\r\n');
    expect(await settled(as, organizationId, exportId)).toMatchObject({ kind: "done", rowCount: 3 });
    // The ticket is spent.
    expect((await download(t, ticket)).status).toBe(410);

    const refused = await as.mutation(api.private.sqlConsole.prepareExport, {
      organizationId,
      sql: "DELETE FROM orders",
      params: [],
    });
    const failure = await download(t, refused.ticket);
    expect(failure.status).toBe(422);
    expect(await failure.text()).toMatch(/SELECT/);

    const audit = await as.query(api.private.auditLog.list, {
      organizationId,
      operation: "sql_export",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(audit.page.map((event) => `${event.outcome.kind}:${event.rowCount ?? "-"}`).sort()).toEqual([
      "error:-",
      "ok:3",
    ]);
    expect(JSON.stringify(audit.page)).not.toContain("quoted");
  });
});

describe("a download that goes away", () => {
  it("cancels the export: the producer stops instead of reading the rest", async () => {
    const { t, as, organizationId } = await connected("postgres");
    // 16^5 = 1,048,576 rows (about 20 MB of CSV): far more than the few chunks allowed to wait.
    const sql = "SELECT a.id, b.id, c.id, d.id, e.id FROM orders a, orders b, orders c, orders d, orders e";
    const { exportId, ticket } = await as.mutation(api.private.sqlConsole.prepareExport, {
      organizationId,
      sql,
      params: [],
    });
    const response = await download(t, ticket);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith("id,id,id,id,id\r\n")).toBe(true);
    await reader.cancel();
    const status = await settled(as, organizationId, exportId);
    expect(status.kind).toBe("cancelled");
    // The audit entry is written when the producer has stopped: rows read, far fewer than all.
    let rowCount: number | undefined;
    for (let i = 0; i < 100 && rowCount === undefined; i++) {
      const audit = await as.query(api.private.auditLog.list, {
        organizationId,
        operation: "sql_export",
        paginationOpts: { numItems: 10, cursor: null },
      });
      rowCount = audit.page[0]?.rowCount;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rowCount).toBeGreaterThan(0);
    expect(rowCount).toBeLessThan(200_000);
  });
});
