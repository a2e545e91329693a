import { randomBytes } from "node:crypto";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Catalog, Connector, TableRef } from "../src/core/connector.ts";
import { ConnectorError } from "../src/core/errors.ts";
import { createPostgresConnector } from "../src/postgres/postgres-connector.ts";

/** The test database is on this machine: these connectors have the operator's private-network grant. */
const GRANTED = { network: "private_networks" } as const;

/**
 * The `postgres` connector (pg over TCP): values, errors, timeouts, the read-only transaction.
 * Tests that need a real server (cancellation, roles, unknown database) run only with TEST_DATABASE_URL.
 */

const onServer = Boolean(process.env.TEST_DATABASE_URL);
/** Roles are cluster-wide: unique names so parallel test files never collide. */
const suffix = randomBytes(4).toString("hex");

let stack: TestCloud;
let admin: pg.Client;
let connector: Connector;
/** No SQL guard: proves that Postgres itself refuses what the guard would have. */
let unguarded: Connector;

const config = (connectionString: string) => ({ provider: "postgres" as const, connectionString });
const withUser = (user: string, password?: string) => {
  const url = new URL(stack.demo.connectionString);
  url.username = user;
  if (password !== undefined) url.password = password;
  return url.toString();
};
const customerCount = async () =>
  (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM public.customers")).rows[0]?.n;

beforeAll(async () => {
  stack = await startTestCloud();
  admin = new pg.Client({ connectionString: stack.demo.connectionString });
  await admin.connect();
  await admin.query(`
    CREATE DOMAIN public.positive_amount AS numeric(10,2) CHECK (VALUE > 0);
    CREATE TABLE public.value_types (
      id integer PRIMARY KEY, big bigint, num numeric, f4 float4, f8 float8, flag boolean, tstz timestamptz,
      ts timestamp, d date, iv interval, uid uuid, js json, jsb jsonb, ints integer[], texts text[],
      grid integer[][], bin bytea, pri support.ticket_priority, pris support.ticket_priority[], amount public.positive_amount
    );
    INSERT INTO public.value_types VALUES
      (1, 9223372036854775807, 12345678901234567890.123456789, 1.25, 'NaN', false, '2026-11-20 10:00:00.5+05:30',
       '2026-11-20 10:00:00', '2026-02-28', '1 year 2 mons 3 days 04:05:06', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
       '{"a": [1, {"b": null}]}', '{"z": "ü 🍣", "n": 1.5}', '{1,NULL,3}', ARRAY['a "q"', 'b,c', NULL],
       '{{1,2},{3,4}}', '\\x0001ff', 'urgent', '{low,high}', 5.5),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  `);
  connector = createPostgresConnector(config(stack.demo.connectionString), GRANTED);
  unguarded = createPostgresConnector(config(stack.demo.connectionString), {
    ...GRANTED,
    guard: () => Promise.resolve(),
  });
});

afterAll(async () => {
  await connector?.close();
  await unguarded?.close();
  await admin?.end();
  await stack?.stop();
});

describe("test()", () => {
  it("reports the server version, database, user and latency", async () => {
    const result = await connector.test();
    const database = decodeURIComponent(new URL(stack.demo.connectionString).pathname.slice(1));
    expect(result).toMatchObject({ database, user: "postgres" });
    expect(result.serverVersion).toMatch(/^PostgreSQL \d+/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("values", () => {
  const expectedRows = [
    {
      id: 1,
      big: "9223372036854775807",
      num: "12345678901234567890.123456789",
      f4: 1.25,
      f8: "NaN",
      flag: false,
      tstz: "2026-11-20T04:30:00.5Z",
      ts: "2026-11-20T10:00:00",
      d: "2026-02-28",
      iv: "1 year 2 mons 3 days 04:05:06",
      uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      js: { a: [1, { b: null }] },
      jsb: { z: "ü 🍣", n: 1.5 },
      ints: [1, null, 3],
      texts: ['a "q"', "b,c", null],
      grid: [
        [1, 2],
        [3, 4],
      ],
      bin: { type: "bytes", length: 3, hexPrefix: "0001ff" },
      pri: "urgent",
      pris: ["low", "high"],
      amount: "5.50",
    },
    Object.fromEntries(
      [
        "id",
        "big",
        "num",
        "f4",
        "f8",
        "flag",
        "tstz",
        "ts",
        "d",
        "iv",
        "uid",
        "js",
        "jsb",
        "ints",
        "texts",
        "grid",
        "bin",
        "pri",
        "pris",
        "amount",
      ].map((name) => [name, name === "id" ? 2 : null]),
    ),
  ];

  it("normalizes every type the same way in query and preview", async () => {
    const queried = await connector.query("SELECT * FROM public.value_types ORDER BY id");
    expect(queried.rows).toEqual(expectedRows);
    const previewed = await connector.preview({ schema: "public", name: "value_types" });
    expect(previewed.rows).toEqual(expectedRows);
    expect(queried.columns.find((c) => c.name === "pri")).toEqual({
      name: "pri",
      type: "other",
      nativeType: "ticket_priority",
    });
    expect(queried.columns.find((c) => c.name === "pris")).toMatchObject({
      type: "array",
      nativeType: "_ticket_priority",
    });
    expect(queried.columns.find((c) => c.name === "amount")).toMatchObject({
      type: "decimal",
      nativeType: "numeric",
    });
  });

  it("normalizes the demo's rows", async () => {
    const { rows } = await connector.query(
      "SELECT id, public_id, tags, address, birth_date, created_at FROM public.customers WHERE email = $1",
      ["alice@example.com"],
    );
    expect(rows).toEqual([
      {
        id: "1",
        public_id: "0b7d4c1e-2f3a-4e5b-8c6d-000000000001",
        tags: ["vip", "newsletter"],
        address: {
          line1: "1200 Pine St Apt 4B",
          city: "Seattle",
          region: "WA",
          postalCode: "98101",
          country: "US",
        },
        birth_date: "1988-04-12",
        created_at: "2025-02-14T18:22:05Z",
      },
    ]);
  });
});

describe("query()", () => {
  it("keeps maxRows rows and says it truncated", async () => {
    const sql = "SELECT order_id, line_no FROM public.order_items ORDER BY order_id DESC, line_no DESC";
    const total = (await admin.query("SELECT * FROM public.order_items")).rowCount ?? 0;
    const capped = await connector.query(sql, [], { maxRows: 3 });
    expect(capped).toMatchObject({
      truncated: true,
      rows: [{ order_id: "16", line_no: 1 }, expect.anything(), expect.anything()],
    });
    expect(capped.rows).toHaveLength(3);
    expect((await connector.query(sql, [], { maxRows: total })).truncated).toBe(false);
    expect((await connector.query(sql, [], { maxRows: total - 1 })).truncated).toBe(true);
    // The default cap is 100 rows (generate_series is not on the guard's list, hence unguarded).
    const byDefault = await unguarded.query("SELECT g FROM generate_series(1, 150) AS g ORDER BY g DESC");
    expect(byDefault.rows).toHaveLength(100);
    expect(byDefault.rows.slice(0, 2)).toEqual([{ g: 150 }, { g: 149 }]);
    expect(byDefault.truncated).toBe(true);
    for (const maxRows of [0, 1001, 2.5]) {
      await expect(connector.query(sql, [], { maxRows })).rejects.toMatchObject({ code: "invalid_input" });
    }
  });

  it("binds parameters, renames duplicate columns, accepts a trailing semicolon or comment", async () => {
    const hostile = "'; DROP TABLE public.customers; --";
    expect((await connector.query("SELECT $1::text AS v, $2::int AS n", [hostile, 7])).rows).toEqual([
      { v: hostile, n: 7 },
    ]);
    const dup = await connector.query("SELECT 1 AS a, 2 AS a, 3 AS a_2");
    expect(dup.rows).toEqual([{ a: 1, a_2: 2, a_2_2: 3 }]);
    expect(dup.columns.map((c) => c.name)).toEqual(["a", "a_2", "a_2_2"]);
    expect((await connector.query("SELECT 1 AS one;  ")).rows).toEqual([{ one: 1 }]);
    expect((await connector.query("SELECT 1 AS one -- the end")).rows).toEqual([{ one: 1 }]);
    expect(await customerCount()).toBe(8);
    await expect(connector.query("SELECT 1", [{}] as never)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("calls the guard first with the SQL, the allowed tables and the catalog", async () => {
    const calls: { sql: string; allowed: TableRef[] | undefined; catalog: Catalog }[] = [];
    const refusing = createPostgresConnector(config(stack.demo.connectionString), {
      ...GRANTED,
      guard: (sql, allowed, catalog) => {
        calls.push({ sql, allowed, catalog });
        if (sql.includes("orders"))
          return Promise.reject(new ConnectorError("rejected_sql", "orders is not allowed"));
        return Promise.resolve();
      },
    });
    try {
      const allowed = [{ schema: "public", name: "products" }];
      await expect(refusing.query("SELECT 1 AS x", [], { allowedTables: allowed })).resolves.toMatchObject({
        rows: [{ x: 1 }],
      });
      await expect(refusing.query("SELECT * FROM public.orders")).rejects.toMatchObject({
        code: "rejected_sql",
      });
      expect(calls[0]).toMatchObject({ sql: "SELECT 1 AS x", allowed });
      expect(calls[0]?.catalog.tables.some((t) => t.name === "customers")).toBe(true);
    } finally {
      await refusing.close();
    }
  });

  it("runs in a read-only transaction that refuses writes even without the guard", async () => {
    const before: unknown = (await admin.query("SELECT last_value::text AS v FROM support.tickets_id_seq"))
      .rows[0];
    await expect(unguarded.query("SELECT nextval('support.tickets_id_seq')")).rejects.toMatchObject({
      code: "rejected_sql",
      sqlState: "25006",
    });
    await expect(unguarded.query("SELECT * FROM public.customers FOR UPDATE")).rejects.toMatchObject({
      code: "rejected_sql",
      sqlState: "25006",
    });
    await expect(
      unguarded.query("SELECT set_config('transaction_read_only', 'off', true)"),
    ).rejects.toBeInstanceOf(ConnectorError);
    const writableCte = unguarded.query(
      "WITH gone AS (DELETE FROM public.customers RETURNING id) SELECT count(*) FROM gone",
    );
    await expect(writableCte).rejects.toBeInstanceOf(ConnectorError);
    expect((await admin.query("SELECT last_value::text AS v FROM support.tickets_id_seq")).rows[0]).toEqual(
      before,
    );
    expect(await customerCount()).toBe(8);
    // The connection that saw those errors is still good.
    expect((await unguarded.query("SELECT count(*)::int AS n FROM public.customers")).rows).toEqual([
      { n: 8 },
    ]);
  });

  it("gives each statement a transaction of its own, although it does not wait for the COMMIT", async () => {
    const seen: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      const { rows } = await unguarded.query(
        "SELECT now()::text AS started, current_setting('transaction_read_only') AS read_only",
      );
      seen.push(...rows);
    }
    // A COMMIT not sent would leave the next BEGIN inside the old transaction, with the same now().
    expect(new Set(seen.map((row) => (row as { started: string }).started)).size).toBe(12);
    expect(seen.every((row) => (row as { read_only: string }).read_only === "on")).toBe(true);
  });

  it("maps SQL errors to codes", async () => {
    await expect(unguarded.query("SELEC 1")).rejects.toMatchObject({ code: "syntax", sqlState: "42601" });
    await expect(unguarded.query("SELECT nope FROM public.customers")).rejects.toMatchObject({
      code: "syntax",
      sqlState: "42703",
    });
    await expect(unguarded.query("SELECT * FROM public.nope")).rejects.toMatchObject({
      code: "not_found",
      sqlState: "42P01",
    });
    await expect(unguarded.query("SELECT no_such_function(1)")).rejects.toMatchObject({
      code: "syntax",
      sqlState: "42883",
    });
    await expect(unguarded.query("SELECT 1 / 0")).rejects.toMatchObject({
      code: "invalid_input",
      sqlState: "22012",
    });
    await expect(unguarded.query("SELECT $1::int", ["abc"])).rejects.toMatchObject({
      code: "invalid_input",
      sqlState: "22P02",
    });
  });
});

describe("errors", () => {
  it("reports a refused connection as network, without the password", async () => {
    const refused = createPostgresConnector(
      config("postgres://postgres:s3cret-pw@127.0.0.1:1/test"),
      GRANTED,
    );
    try {
      const error = await refused.test({ timeoutMs: 2000 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "network", retryable: true });
      expect(JSON.stringify(error) + String(error)).not.toContain("s3cret-pw");
    } finally {
      await refused.close();
    }
  });

  it("gives up on an unreachable host within the timeout", async () => {
    const blackhole = createPostgresConnector(
      config("postgres://postgres:pw@10.255.255.1:5432/test"),
      GRANTED,
    );
    const started = performance.now();
    try {
      await expect(blackhole.test({ timeoutMs: 500 })).rejects.toMatchObject({ code: "network" });
      expect(performance.now() - started).toBeLessThan(2500);
    } finally {
      await blackhole.close();
    }
  });

  it.runIf(onServer)("maps an unknown database to not_found and an unknown role to auth", async () => {
    const url = new URL(stack.demo.connectionString);
    url.pathname = `/no_such_database_${suffix}`;
    const noDb = createPostgresConnector(config(url.toString()), GRANTED);
    const noRole = createPostgresConnector(config(withUser(`no_such_role_${suffix}`, "pw")), GRANTED);
    try {
      await expect(noDb.test()).rejects.toMatchObject({
        code: "not_found",
        sqlState: "3D000",
        retryable: false,
      });
      await expect(noRole.test()).rejects.toMatchObject({
        code: "auth",
        sqlState: "28000",
        retryable: false,
      });
    } finally {
      await noDb.close();
      await noRole.close();
    }
  });

  it.runIf(onServer)("maps a missing privilege to permission", async () => {
    const role = `reader_${suffix}`;
    await admin.query(
      `CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON public.products TO ${role}`,
    );
    const reader = createPostgresConnector(config(withUser(role)), {
      ...GRANTED,
      guard: () => Promise.resolve(),
    });
    try {
      await expect(reader.query("SELECT * FROM public.orders")).rejects.toMatchObject({
        code: "permission",
        sqlState: "42501",
      });
      await expect(reader.preview({ schema: "public", name: "orders" })).rejects.toMatchObject({
        code: "not_found",
      });
      expect((await reader.preview({ schema: "public", name: "products" }, { limit: 1 })).rows).toHaveLength(
        1,
      );
    } finally {
      await reader.close();
      await admin.query(
        `REVOKE ALL ON public.products FROM ${role}; REVOKE USAGE ON SCHEMA public FROM ${role}; DROP ROLE ${role}`,
      );
    }
  });

  it.runIf(onServer)("cancels a statement that runs past its timeout", async () => {
    const started = performance.now();
    await expect(unguarded.query("SELECT pg_sleep(5)", [], { timeoutMs: 300 })).rejects.toMatchObject({
      code: "timeout",
      retryable: true,
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await unguarded.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);

    // Keyset reads have no server-side timeout: the client cancels them and drops the connection.
    await admin.query("CREATE VIEW public.slow_view AS SELECT 1 AS id, (SELECT 1 FROM pg_sleep(5)) AS slept");
    const slowStarted = performance.now();
    await expect(
      connector.preview({ schema: "public", name: "slow_view" }, { timeoutMs: 500 }),
    ).rejects.toMatchObject({ code: "timeout" });
    expect(performance.now() - slowStarted).toBeLessThan(2500);
    await expect
      .poll(
        async () =>
          (
            await admin.query(
              "SELECT 1 FROM pg_stat_activity WHERE query LIKE '%slow_view%' AND pid <> pg_backend_pid() AND state = 'active'",
            )
          ).rowCount,
        { timeout: 2000 },
      )
      .toBe(0);
  });

  it.runIf(onServer)("serves concurrent calls from a small pool", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => unguarded.query("SELECT $1::int AS i, pg_sleep(0.05)", [i])),
    );
    expect(results.map((r) => r.rows[0]?.i)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});

describe("close()", () => {
  it("is idempotent and refuses later calls", async () => {
    const short = createPostgresConnector(config(stack.demo.connectionString), GRANTED);
    await short.test();
    await short.close();
    await short.close();
    await expect(short.test()).rejects.toBeInstanceOf(ConnectorError);
  });
});
