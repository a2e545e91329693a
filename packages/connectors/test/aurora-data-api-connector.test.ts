import { DEMO, FAULT_PRESETS } from "@answerbase/local-cloud";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuroraDataApiConnector } from "../src/aurora-data-api/aurora-data-api-connector.ts";
import { createAuroraDataApiExecutor } from "../src/aurora-data-api/aurora-data-api-executor.ts";
import type { AuroraDataApiConfig } from "../src/core/config.ts";
import type { Connector, Row, TableRef } from "../src/core/connector.ts";
import type { ConnectorEnvironment } from "../src/environment.ts";
import {
  collectRows,
  createWideSchema,
  dropWideSchema,
  failureOf,
  referenceRows,
  runSql,
  sortedRows,
} from "./support/pg-reference.ts";

/**
 * The `aurora_data_api` connector through the local RDS Data API emulator, held to what `pg` +
 * core/values.ts read from the same database. Cancelling a running statement needs a real server
 * (PGlite runs statements on this thread), so that test runs only with TEST_DATABASE_URL.
 */

const onServer = Boolean(process.env.TEST_DATABASE_URL);

let stack: TestCloud;
let environment: ConnectorEnvironment;
let connector: Connector;
/** Without the SQL guard: proves the read-only transaction refuses writes on its own. */
let unguarded: Connector;

const config = (overrides: Partial<AuroraDataApiConfig> = {}): AuroraDataApiConfig => ({
  provider: "aurora_data_api",
  ...stack.demo.aurora,
  ...overrides,
});
const open = (overrides: Partial<AuroraDataApiConfig> = {}) =>
  createAuroraDataApiConnector(config(overrides), environment);

/** Runs `use` with a fresh connector (its own catalog cache and client), closed afterwards. */
async function withConnector<T>(
  overrides: Partial<AuroraDataApiConfig>,
  use: (fresh: Connector) => Promise<T>,
): Promise<T> {
  const fresh = open(overrides);
  try {
    return await use(fresh);
  } finally {
    await fresh.close();
  }
}
const password = () => decodeURIComponent(new URL(stack.demo.connectionString).password);

/** Every row of a table through preview, page after page. */
async function previewAll(source: Connector, table: TableRef, limit: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.preview(table, { limit, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  stack = await startTestCloud();
  environment = {
    tenant: { organizationId: "org_connector_tests" },
    aws: {
      endpoint: stack.cloud.url,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    },
  };
  await runSql(stack.demo.connectionString, "ANALYZE");
  connector = open();
  unguarded = createAuroraDataApiConnector(config(), environment, { guard: () => Promise.resolve() });
});

afterEach(() => {
  stack.cloud.faults.clear();
});

afterAll(async () => {
  await connector?.close();
  await unguarded?.close();
  await stack?.stop();
});

describe("catalog and values", () => {
  it("tests the connection", async () => {
    const result = await connector.test();
    expect(result.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(result.database).toBe(stack.demo.aurora.database);
    expect(result.user).toBeTruthy();
  });

  it("lists both schemas with keys, views and estimated rows from the statistics", async () => {
    const { tables } = await connector.listTables();
    const find = (schema: string, name: string) => tables.find((t) => t.schema === schema && t.name === name);
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(
      expect.arrayContaining(["public.customers", "support.tickets"]),
    );
    expect(find("public", "order_items")?.primaryKey).toEqual(["order_id", "line_no"]);
    expect(find("public", "order_summaries")?.kind).toBe("view");
    expect(find("public", "customers")?.estimatedRows).toBe(8); // ANALYZEd above; 8 customers in the demo data
    expect(
      find("support", "tickets")
        ?.foreignKeys.map((fk) => fk.references.name)
        .sort(),
    ).toEqual(["customers", "orders"]);
  });

  it("returns every demo table exactly as pg + values.ts read it", async () => {
    const { tables } = await connector.listTables();
    for (const table of tables) {
      const expected = await referenceRows(
        stack.demo.connectionString,
        `SELECT * FROM "${table.schema}"."${table.name}"`,
      );
      // Small pages, except without a key: there the fallback order returns two identical rows once
      // when a page boundary falls between them (inventory_events has such a pair; core/keyset.ts).
      const limit = table.primaryKey.length > 0 ? 5 : 200;
      expect(sortedRows(await previewAll(connector, table, limit)), `${table.schema}.${table.name}`).toEqual(
        sortedRows(expected),
      );
    }
  });

  it("normalizes Aurora's own encodings: UTC timestamptz without offset, arrays, bytea, json, int8", async () => {
    const page = await connector.preview({ schema: "public", name: "customers" }, { limit: 1 });
    expect(page.rows[0]).toMatchObject({
      id: "1",
      loyalty_points: 1240,
      is_vip: true,
      tags: ["vip", "newsletter"],
      address: { city: "Seattle", country: "US" },
      birth_date: "1988-04-12",
      created_at: "2025-02-14T18:22:05Z",
    });
    const products = await connector.query(
      "SELECT thumbnail, price, warranty FROM products WHERE thumbnail IS NOT NULL ORDER BY id LIMIT 1",
    );
    expect(products.rows[0]?.thumbnail).toEqual({
      type: "bytes",
      length: 16,
      hexPrefix: "89504e470d0a1a0a0000000d49484452",
    });
    const big = await connector.query(
      "SELECT 9223372036854775807::int8 AS big, 12345678901234567890.5::numeric AS num, NULL::text AS nothing",
    );
    expect(big.rows).toEqual([{ big: "9223372036854775807", num: "12345678901234567890.5", nothing: null }]);
  });

  it("streams a table in keyset batches and resumes from a batch's cursor", async () => {
    const table = { schema: "public", name: "order_items" };
    const all = await collectRows(connector.streamRows(table, { batchSize: 3 }));
    const expected = await referenceRows(
      stack.demo.connectionString,
      "SELECT * FROM order_items ORDER BY order_id, line_no",
    );
    expect(all).toEqual(expected);
    let resumeFrom: string | null = null;
    for await (const batch of connector.streamRows(table, { batchSize: 3 })) {
      resumeFrom = batch.cursor;
      break;
    }
    expect(await collectRows(connector.streamRows(table, { batchSize: 3, cursor: resumeFrom }))).toEqual(
      expected.slice(3),
    );
  });
});

describe("queries", () => {
  it("binds $1..$n as typed Data API parameters, leaving literals, identifiers, comments and casts alone", async () => {
    // Unguarded: the guard refuses dollar quoting, and the point here is the placeholder rewriting.
    const result = await unguarded.query(
      `SELECT $1 AS s, $2::int + 1 AS i, $3 AS f, $4 AS b, $5::text AS n, '$1' AS literal, "order_number" AS "$2", $$ $3 $$ AS dollar /* $4 */
       FROM orders WHERE order_number = $6 -- $5`,
      ["text ' \" value", 41, 2.5, true, null, 1001],
    );
    expect(result.rows).toEqual([
      { s: "text ' \" value", i: 42, f: 2.5, b: true, n: null, literal: "$1", $2: "1001", dollar: " $3 " },
    ]);
  });

  it("runs the agent's SQL in a read-only transaction", async () => {
    const failure = await failureOf(unguarded.query("SELECT nextval('support.tickets_id_seq') AS id"));
    expect(failure.code).toBe("rejected_sql");
    expect(failure.message).toMatch(/read-only transaction/);
    // the transaction was rolled back: later queries run normally
    expect((await unguarded.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("caps rows and reports truncation", async () => {
    const result = await connector.query("SELECT order_id FROM order_items", [], { maxRows: 2 });
    expect(result.rows).toHaveLength(2);
    expect(result.truncated).toBe(true);
  });

  it.runIf(onServer)("stops a statement that outlives its timeout on the server", async () => {
    const started = performance.now();
    const slow =
      "SELECT count(*) AS n FROM order_items a, order_items b, order_items c, order_items d, order_items e, order_items f";
    const failure = await failureOf(connector.query(slow, [], { timeoutMs: 700 }));
    expect(failure.code).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(3_000);
    // statement_timeout stopped it on the server: the database is free again
    expect((await connector.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});

describe("the 1 MiB response limit", () => {
  const limits = () => stack.cloud.settings.rdsData;
  let saved: number;
  beforeAll(() => {
    saved = limits().maxResponseBytes;
  });
  afterEach(() => {
    limits().maxResponseBytes = saved;
  });

  it("still lists, previews and streams when results exceed the limit, by reading them in chunks", async () => {
    const expectedCatalog = await connector.listTables();
    const expectedProducts = await referenceRows(
      stack.demo.connectionString,
      "SELECT * FROM products ORDER BY id",
    );
    await withConnector({}, async (fresh) => {
      // The demo catalog's records take ~10 KB, in rows of at most ~5 KB (aurora-dialect.ts).
      limits().maxResponseBytes = 6 * 1024;
      expect(await fresh.listTables()).toEqual(expectedCatalog);
      limits().maxResponseBytes = 4 * 1024; // the products' records too (~12 KB)
      const page = await fresh.preview({ schema: "public", name: "products" }, { limit: 200 });
      expect(page.rows).toEqual(expectedProducts);
      const streamed = await collectRows(
        fresh.streamRows({ schema: "public", name: "products" }, { batchSize: 10_000 }),
      );
      expect(streamed).toEqual(expectedProducts);
    });
  });

  it("fails the agent's query with a clear `limit` error instead", async () => {
    limits().maxResponseBytes = 4 * 1024;
    const failure = await failureOf(connector.query("SELECT * FROM products", [], { maxRows: 1000 }));
    expect(failure.code).toBe("limit");
    expect(failure.message).toMatch(/1 MiB response limit/);
  });
});

describe("faults", () => {
  it("retries while the cluster resumes from auto-pause", async () => {
    stack.cloud.faults.add({ service: "rds-data", times: 2, error: FAULT_PRESETS.databaseResuming });
    expect((await connector.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("reports a cluster that keeps resuming as `resuming`, within the timeout", async () => {
    stack.cloud.faults.add({ service: "rds-data", times: 100, error: FAULT_PRESETS.databaseResuming });
    const started = performance.now();
    const failure = await failureOf(connector.query("SELECT 1 AS one", [], { timeoutMs: 2_500 }));
    expect(failure.code).toBe("resuming");
    expect(failure.retryable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it("reports persistent throttling as `throttled`", async () => {
    stack.cloud.faults.add({ service: "rds-data", times: 100, error: FAULT_PRESETS.throttling });
    const failure = await failureOf(
      connector.preview({ schema: "public", name: "orders" }, { timeoutMs: 2_000 }),
    );
    expect(failure.code).toBe("throttled");
    expect(failure.retryable).toBe(true);
  });

  it("reports a dropped connection as `network`", async () => {
    stack.cloud.faults.add({ service: "rds-data", drop: true, times: 1 });
    const failure = await failureOf(withConnector({}, (fresh) => fresh.test()));
    expect(failure.code).toBe("network");
    expect(failure.retryable).toBe(true);
  });

  it("gives up on a slow service at the timeout", async () => {
    stack.cloud.faults.add({ service: "rds-data", delayMs: 2_000 });
    const started = performance.now();
    const failure = await failureOf(connector.query("SELECT 1 AS one", [], { timeoutMs: 400 }));
    expect(failure.code).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});

describe("configuration errors", () => {
  it("names an unknown cluster", async () => {
    const arn = stack.demo.aurora.resourceArn.replace(/cluster:.*/, "cluster:no-such-cluster");
    const failure = await failureOf(withConnector({ resourceArn: arn }, (fresh) => fresh.test()));
    expect(failure.code).toBe("not_found");
    expect(failure.message).toContain("no-such-cluster");
  });

  it("reports a missing secret as not_found and a malformed one as auth, never quoting its value", async () => {
    const missing = stack.demo.aurora.secretArn.replace(/secret:.*/, "secret:no-such-secret-AbCdEf");
    expect((await failureOf(withConnector({ secretArn: missing }, (fresh) => fresh.test()))).code).toBe(
      "not_found",
    );

    const secret = stack.cloud.secrets.create(
      { name: "aurora-test/malformed", versions: [], tags: [] },
      DEMO.region,
      DEMO.accountId,
    );
    stack.cloud.secrets.addVersion(secret, { secretString: `{"user": "postgres", "pass": "${password()}"}` });
    const failure = await failureOf(withConnector({ secretArn: secret.arn }, (fresh) => fresh.test()));
    expect(failure.code).toBe("auth");
    expect(JSON.stringify(failure.toJSON?.())).not.toContain(password());
  });

  it("reports an unknown table as not_found", async () => {
    expect((await failureOf(connector.preview({ schema: "public", name: "no_such_table" }))).code).toBe(
      "not_found",
    );
  });

  it.runIf(onServer)("reports an unknown database as not_found", async () => {
    expect(
      (await failureOf(withConnector({ database: "no_such_database" }, (fresh) => fresh.test()))).code,
    ).toBe("not_found");
  });

  it("maps SQLSTATEs from Data API messages: syntax errors keep their state", async () => {
    const executor = createAuroraDataApiExecutor(config(), environment);
    try {
      const failure = (await failureOf(
        executor.execute("SELEC 1", [], { timeoutMs: 5_000, readOnly: false }),
      )) as { code?: string; sqlState?: string };
      expect(failure.code).toBe("syntax");
      expect(failure.sqlState).toBe("42601");
    } finally {
      await executor.close();
    }
  });
});

describe("2,000 tables", () => {
  it("lists a catalog far over the Data API's row and response limits", async () => {
    await createWideSchema(stack.demo.connectionString, 2000);
    try {
      const { tables } = await withConnector({}, (fresh) => fresh.listTables({ timeoutMs: 120_000 }));
      const wide = tables.filter((t) => t.schema === "wide");
      expect(wide).toHaveLength(2000);
      expect(wide.every((t) => t.primaryKey.join() === "id" && t.columns.length === 4)).toBe(true);
    } finally {
      await dropWideSchema(stack.demo.connectionString, 2000);
    }
  }, 180_000);
});
