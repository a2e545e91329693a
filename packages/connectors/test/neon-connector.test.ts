import { readdir, readFile } from "node:fs/promises";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Connector, Row } from "../src/core/connector.ts";
import type { ConnectorEnvironment } from "../src/environment.ts";
import { createNeonConnector } from "../src/neon/neon-connector.ts";

/**
 * The `neon` connector over the local cloud's Neon HTTP endpoint (the unmodified driver), on PGlite
 * and, with TEST_DATABASE_URL, on PostgreSQL 15 behind it.
 */

let stack: TestCloud;
let environment: ConnectorEnvironment;
let connector: Connector;
/** No SQL guard: proves that Postgres itself refuses writes in the read-only batch. */
let unguarded: Connector;

const config = () => ({ provider: "neon" as const, connectionString: stack.demo.connectionString });

beforeAll(async () => {
  stack = await startTestCloud();
  environment = { neon: { fetchEndpoint: stack.cloud.endpoints.neonHttp }, network: "private_networks" };
  connector = createNeonConnector(config(), environment);
  unguarded = createNeonConnector(config(), environment, { guard: () => Promise.resolve() });
});

afterEach(() => stack.cloud.faults.clear());

afterAll(async () => {
  await connector?.close();
  await unguarded?.close();
  await stack?.stop();
});

describe("over HTTP", () => {
  it("tests the connection and lists the catalog", async () => {
    expect((await connector.test()).serverVersion).toMatch(/^PostgreSQL \d+/);
    const catalog = await connector.listTables();
    const items = catalog.tables.find((t) => t.schema === "public" && t.name === "order_items");
    expect(items?.primaryKey).toEqual(["order_id", "line_no"]);
    expect(catalog.tables.some((t) => t.schema === "support" && t.name === "tickets")).toBe(true);
  });

  it("pages and streams with keyset cursors", async () => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const page = await connector.preview({ schema: "public", name: "orders" }, { limit: 5, cursor });
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows.map((r) => r.order_number)).toEqual(Array.from({ length: 16 }, (_, i) => String(1001 + i)));

    const batches = [];
    for await (const batch of connector.streamRows({ schema: "public", name: "orders" }, { batchSize: 6 }))
      batches.push(batch);
    expect(batches.map((b) => [b.rows.length, b.done])).toEqual([
      [6, false],
      [6, false],
      [4, true],
    ]);
    const resumed = [];
    for await (const batch of connector.streamRows(
      { schema: "public", name: "orders" },
      { cursor: batches[0]?.cursor },
    ))
      resumed.push(...batch.rows);
    expect(resumed).toEqual(rows.slice(6));
  });

  it("normalizes values like every other connector", async () => {
    // A cast to the demo's enum is not on the guard's list: this checks values, so unguarded.
    const { rows } = await unguarded.query(
      `SELECT 9223372036854775807::int8 AS big, 1.50::numeric AS num, '2026-11-20 10:00:00.5+05:30'::timestamptz AS tstz,
              '2026-02-28'::date AS d, '{"a": [1, null]}'::jsonb AS j, ARRAY[1, NULL]::int[] AS a, '\\x0001ff'::bytea AS b,
              NULL::text AS n, 'urgent'::support.ticket_priority AS p, true AS t`,
    );
    expect(rows).toEqual([
      {
        big: "9223372036854775807",
        num: "1.50",
        tstz: "2026-11-20T04:30:00.5Z",
        d: "2026-02-28",
        j: { a: [1, null] },
        a: [1, null],
        b: { type: "bytes", length: 3, hexPrefix: "0001ff" },
        n: null,
        p: "urgent",
        t: true,
      },
    ]);
  });

  it("truncates at maxRows and binds parameters", async () => {
    const result = await connector.query(
      "SELECT order_id, line_no FROM order_items WHERE order_id > $1 ORDER BY order_id, line_no",
      [5],
      { maxRows: 4 },
    );
    expect(result.rows).toHaveLength(4);
    expect(result.truncated).toBe(true);
    expect(result.rows[0]).toEqual({ order_id: "6", line_no: 1 });
  });

  it("runs queries in a read-only transaction, even without the guard", async () => {
    await expect(unguarded.query("SELECT nextval('support.tickets_id_seq')")).rejects.toMatchObject({
      code: "rejected_sql",
      sqlState: "25006",
    });
    await expect(unguarded.query("SELECT * FROM public.customers FOR UPDATE")).rejects.toMatchObject({
      code: "rejected_sql",
    });
    expect((await connector.query("SELECT count(*)::int AS n FROM public.customers")).rows).toEqual([
      { n: 8 },
    ]);
  });

  it("maps SQL errors", async () => {
    await expect(unguarded.query("SELEC 1")).rejects.toMatchObject({ code: "syntax", sqlState: "42601" });
    await expect(unguarded.query("SELECT * FROM public.nope")).rejects.toMatchObject({
      code: "not_found",
      sqlState: "42P01",
    });
    await expect(connector.preview({ schema: "public", name: "nope" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("faults", () => {
  it("reports a dropped connection as a retryable network error", async () => {
    stack.cloud.faults.add({ service: "neon", operation: "sql", drop: true, times: 1 });
    await expect(connector.test()).rejects.toMatchObject({ code: "network", retryable: true });
    expect((await connector.test()).serverVersion).toMatch(/^PostgreSQL/);
  });

  it("gives up on a slow answer at the timeout", async () => {
    stack.cloud.faults.add({ service: "neon", operation: "sql", delayMs: 2000, times: 1 });
    const started = performance.now();
    await expect(connector.query("SELECT 1", [], { timeoutMs: 300 })).rejects.toMatchObject({
      code: "timeout",
      retryable: true,
    });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("maps a waking compute, rate limiting and an unavailable service", async () => {
    stack.cloud.faults.add({
      service: "neon",
      error: { type: "57P03", message: "the database system is starting up" },
      times: 1,
    });
    await expect(connector.test()).rejects.toMatchObject({ code: "resuming", retryable: true });
    stack.cloud.faults.add({
      service: "neon",
      error: { type: "TooManyRequests", message: "rate limited", status: 429 },
      times: 1,
    });
    await expect(connector.test()).rejects.toMatchObject({ code: "throttled", retryable: true });
    stack.cloud.faults.add({ service: "neon", error: { type: "Unavailable", status: 503 }, times: 1 });
    await expect(connector.test()).rejects.toMatchObject({ code: "network", retryable: true });
  });
});

describe("on a real server", () => {
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "stops a statement that runs past its timeout",
    async () => {
      const started = performance.now();
      await expect(unguarded.query("SELECT pg_sleep(5)", [], { timeoutMs: 400 })).rejects.toMatchObject({
        code: "timeout",
      });
      expect(performance.now() - started).toBeLessThan(2000);
      expect((await connector.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    },
  );
});

describe("configuration", () => {
  it("keeps each connector's endpoint to itself", async () => {
    const elsewhere = createNeonConnector(config(), {
      neon: { fetchEndpoint: "http://127.0.0.1:1/sql" },
      network: "private_networks",
    });
    try {
      const [bad, good] = await Promise.allSettled([elsewhere.test({ timeoutMs: 2000 }), connector.test()]);
      expect(bad).toMatchObject({ status: "rejected", reason: { code: "network" } });
      expect(good).toMatchObject({ status: "fulfilled" });
    } finally {
      await elsewhere.close();
    }
  });

  it("never puts the password in an error", async () => {
    const url = new URL(stack.demo.connectionString);
    url.password = "s3cret-pw";
    const broken = createNeonConnector(
      { provider: "neon", connectionString: url.toString() },
      { neon: { fetchEndpoint: "http://127.0.0.1:1/sql" }, network: "private_networks" },
    );
    const error = await broken.test().catch((e: unknown) => e);
    expect(JSON.stringify(error) + String(error)).not.toContain("s3cret-pw");
  });

  it("imports no TCP driver, so it runs on fetch alone", async () => {
    const folder = new URL("../src/neon/", import.meta.url);
    for (const file of await readdir(folder)) {
      const source = await readFile(new URL(file, folder), "utf8");
      expect(source, file).not.toMatch(/from "(pg|pg-.*|node:net|node:tls|ws)"/);
    }
  });
});
