import {
  Client as NeonClient,
  neon,
  neonConfig,
  NeonDbError,
  type NeonQueryFunction,
  Pool,
} from "@neondatabase/serverless";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startLocalCloud } from "../src/local-cloud.ts";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

/** One row of every common type plus an all-NULL row, to compare the driver's values with pg's. */
const FIXTURE = `
  CREATE TABLE neon_types (
    id int4 PRIMARY KEY, small int2, big int8, amount numeric(20, 6), ratio float4, precise float8,
    flag bool, label text, code varchar(12), day date, clock time, stamp timestamp, stamptz timestamptz,
    span interval, uid uuid, doc json, docb jsonb, bytes bytea, tags text[], scores int4[]
  );
  INSERT INTO neon_types VALUES
    (1, -32768, 9007199254740993, 12345678901234.123456, 1.5, 3.141592653589793, true,
     'héllo wörld — 你好 🌍 ''quoted''', 'abc', '2024-02-29', '13:45:10.5', '2024-02-29 13:45:10.123456',
     '2024-02-29 13:45:10.123456+02', '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
     '{"a": [1, 2, {"b": null}]}', '{"z": "ü", "n": 1.5}', '\\x00ff10', ARRAY['a', 'b c', '"q"', NULL],
     ARRAY[1, NULL, 3]),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL);
  CREATE TABLE neon_ledger (id int4 PRIMARY KEY, note text NOT NULL);
`;

/** Values whose JS classes differ between the driver's bundle and pg (Buffer shim) compare as hex. */
const comparable = (rows: Record<string, unknown>[]) =>
  rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [
        key,
        value instanceof Uint8Array ? Buffer.from(value).toString("hex") : value,
      ]),
    ),
  );

const rejection = async (promise: Promise<unknown>): Promise<NeonDbError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NeonDbError);
  return error as NeonDbError;
};

describe("Neon emulator", () => {
  let test: TestCloud;
  let direct: pg.Client;
  let sql: NeonQueryFunction<false, false>;

  beforeAll(async () => {
    test = await startTestCloud();
    neonConfig.fetchEndpoint = test.cloud.endpoints.neonHttp;
    neonConfig.webSocketConstructor = WebSocket;
    // The string form: the driver appends `?address=<host>:<port>` of the connection string.
    neonConfig.wsProxy = test.cloud.endpoints.neonWebSocketProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    neonConfig.pipelineTLS = false;
    direct = new pg.Client({ connectionString: test.postgres.url });
    await direct.connect();
    await direct.query(FIXTURE);
    sql = neon(test.demo.connectionString);
  });
  afterAll(async () => {
    await direct?.end();
    await test?.stop();
  });

  const ledgerNotes = async () =>
    (await direct.query<{ note: string }>("SELECT note FROM neon_ledger ORDER BY id")).rows.map(
      (row) => row.note,
    );

  describe("SQL over HTTP", () => {
    it("returns every type exactly as pg parses it", async () => {
      const text = "SELECT * FROM neon_types ORDER BY id";
      const viaNeon = (await sql.query(text)) as Record<string, unknown>[];
      const viaPg = (await direct.query(text)).rows as Record<string, unknown>[];
      expect(comparable(viaNeon)).toEqual(comparable(viaPg));
      const [first, nulls] = viaNeon;
      expect(first).toMatchObject({
        small: -32768,
        big: "9007199254740993",
        amount: "12345678901234.123456",
        flag: true,
      });
      expect(first?.docb).toEqual({ z: "ü", n: 1.5 });
      expect(first?.tags).toEqual(["a", "b c", '"q"', null]);
      expect(first?.stamptz).toEqual(new Date("2024-02-29T11:45:10.123Z"));
      expect(Object.values(nulls ?? {}).filter((value) => value !== null)).toEqual([2]);
    });

    it("passes parameters of every kind the driver serializes", async () => {
      const text =
        "SELECT $1::int + 1 AS next, $2::text AS label, $3::jsonb AS doc, $4::bytea AS bytes, " +
        "$5::timestamptz AS at, $6::text[] AS tags, $7::int AS nothing, $8::bool AS flag, $9::numeric AS amount";
      const params = [
        41,
        "héllo 🌍 'x'",
        { a: [1, "x"] },
        Buffer.from([0, 1, 255]),
        new Date("2024-01-02T03:04:05.678Z"),
        ["a", "b,c", 'q"'],
        null,
        false,
        "1.10",
      ];
      const viaNeon = (await sql.query(text, params)) as Record<string, unknown>[];
      const viaPg = (await direct.query(text, params)).rows as Record<string, unknown>[];
      expect(comparable(viaNeon)).toEqual(comparable(viaPg));
      expect(viaNeon[0]).toMatchObject({
        next: 42,
        label: "héllo 🌍 'x'",
        doc: { a: [1, "x"] },
        tags: ["a", "b,c", 'q"'],
        nothing: null,
      });
    });

    it("honours fullResults and arrayMode", async () => {
      const full = await sql.query("SELECT 1 AS one, 'x'::text AS letter", [], {
        fullResults: true,
        arrayMode: true,
      });
      expect(full.rows).toEqual([[1, "x"]]);
      expect(full).toMatchObject({ command: "SELECT", rowCount: 1, rowAsArray: true });
      expect(full.fields.map((field) => [field.name, field.dataTypeID])).toEqual([
        ["one", 23],
        ["letter", 25],
      ]);

      const objects = await sql.query("SELECT id FROM neon_types WHERE id = $1", [2], { fullResults: true });
      expect(objects).toMatchObject({ rows: [{ id: 2 }], rowAsArray: false });
      expect(objects.fields[0]).toMatchObject({
        name: "id",
        dataTypeID: 23,
        dataTypeSize: 4,
        format: "text",
      });
      expect(objects.fields[0]?.tableID).toBeGreaterThan(0);

      const insert = await sql.query("INSERT INTO neon_ledger VALUES (100, 'a'), (101, 'b')", [], {
        fullResults: true,
      });
      expect(insert).toMatchObject({ command: "INSERT", rowCount: 2, rows: [] });
      await sql.query("DELETE FROM neon_ledger");
    });

    it("reports Postgres errors as NeonDbError with the server's fields", async () => {
      for (const text of [
        "SELECT * FROM no_such_table",
        "SELEC 1",
        "SELECT 1/0",
        "INSERT INTO neon_types (id) VALUES (1)",
      ]) {
        const expected = (await direct.query(text).catch((error: unknown) => error)) as pg.DatabaseError;
        const error = await rejection(sql.query(text));
        expect(error.message).toBe(expected.message);
        for (const field of [
          "code",
          "position",
          "severity",
          "detail",
          "constraint",
          "table",
          "schema",
          "routine",
        ] as const) {
          expect(error[field], `${text}: ${field}`).toBe(expected[field]);
        }
      }
      const missing = await rejection(sql.query("SELECT * FROM no_such_table"));
      expect(missing).toMatchObject({ code: "42P01", position: "15" });
      expect(await rejection(sql.query("SELEC 1"))).toMatchObject({ code: "42601", position: "1" });
    });

    it("runs every query with the extended protocol, so two statements in one query fail", async () => {
      const error = await rejection(sql.query("SELECT 1; SELECT 2"));
      expect(error.code).toBe("42601");
      expect(error.message).toMatch(/multiple commands/);
    });

    it("runs a transaction atomically: one failing query rolls back the others", async () => {
      const [inserted, counted] = await sql.transaction([
        sql.query("INSERT INTO neon_ledger VALUES (1, 'first') RETURNING id"),
        sql.query("SELECT count(*)::int AS n FROM neon_ledger"),
      ]);
      expect(inserted).toEqual([{ id: 1 }]);
      expect(counted).toEqual([{ n: 1 }]);

      const error = await rejection(
        sql.transaction([
          sql.query("INSERT INTO neon_ledger VALUES (2, 'second')"),
          sql.query("INSERT INTO neon_ledger VALUES (1, 'dup')"),
        ]),
      );
      expect(error).toMatchObject({ code: "23505", constraint: "neon_ledger_pkey" });
      expect(await ledgerNotes()).toEqual(["first"]);
      // The failed transaction left nothing behind: the next statement on the pooled connection works.
      expect(await sql.query("SELECT count(*)::int AS n FROM neon_ledger")).toEqual([{ n: 1 }]);
    });

    it("makes Postgres enforce readOnly and applies the isolation level", async () => {
      const error = await rejection(
        sql.transaction([sql.query("INSERT INTO neon_ledger VALUES (3, 'nope')")], { readOnly: true }),
      );
      expect(error.code).toBe("25006");
      expect(await ledgerNotes()).toEqual(["first"]);

      const settings = await sql.transaction(
        [
          sql.query("SHOW transaction_isolation"),
          sql.query("SHOW transaction_read_only"),
          sql.query("SHOW transaction_deferrable"),
        ],
        { isolationLevel: "Serializable", readOnly: true, deferrable: true },
      );
      expect(settings).toEqual([
        [{ transaction_isolation: "serializable" }],
        [{ transaction_read_only: "on" }],
        [{ transaction_deferrable: "on" }],
      ]);
      const defaults = await sql.transaction([sql.query("SHOW transaction_isolation")], {
        isolationLevel: "RepeatableRead",
      });
      expect(defaults).toEqual([[{ transaction_isolation: "repeatable read" }]]);
    });

    it("does not leak a transaction a single query leaves open", async () => {
      await sql.query("BEGIN");
      // Inside a leaked transaction both statements would report the same transaction id.
      const xid = async () =>
        ((await sql.query("SELECT pg_current_xact_id()::text AS id")) as { id: string }[])[0]?.id;
      const first = await xid();
      expect(await xid()).not.toBe(first);
    });

    it("refuses a response larger than Neon's 10 MiB limit with HTTP 507", async () => {
      const error = await rejection(sql.query("SELECT repeat('x', 11 * 1024 * 1024) AS big"));
      expect(error.message).toMatch(/HTTP status 507.*response is too large/);
      expect(await sql.query("SELECT length(repeat('x', 1024)) AS n")).toEqual([{ n: 1024 }]);
    });

    it("reaches the demo database with the demo connection string", async () => {
      const text = "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'";
      const [tables] = (await sql.query(text)) as { n: number }[];
      expect(tables?.n).toBeGreaterThan(2);
    });
  });

  describe("malformed requests", () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(test.cloud.endpoints.neonHttp, { method: "POST", body, headers });
    const withConnection = () => ({ "Neon-Connection-String": test.demo.connectionString });

    it("answers 400 with a message and keeps serving", async () => {
      const cases: [string, Record<string, string>, RegExp][] = [
        ['{"query":"SELECT 1"}', {}, /^invalid header: neon-connection-string$/],
        ['{"query":"SELECT 1"}', { "Neon-Connection-String": "not a url" }, /invalid connection string/],
        ['{"query":"SELECT 1"}', { "Neon-Connection-String": "mysql://u:p@h/db" }, /incorrect scheme/],
        [
          '{"query":"SELECT 1"}',
          { "Neon-Connection-String": "postgres://u@h/db" },
          /missing authentication credentials/,
        ],
        ["{not json", withConnection(), /could not parse the HTTP request body/],
        ['{"params":[]}', withConnection(), /did not match any variant/],
        ['{"query":42}', withConnection(), /did not match any variant/],
        [
          '{"query":"SELECT 1"}',
          { ...withConnection(), "Neon-Batch-Isolation-Level": "Chaos" },
          /invalid isolation level/,
        ],
      ];
      for (const [body, headers, message] of cases) {
        const response = await post(body, headers);
        expect(response.status, body).toBe(400);
        const answer = (await response.json()) as { message: string; code: string };
        expect(answer.message).toMatch(message);
        expect(answer.code).toBe("");
      }
      expect(await sql.query("SELECT 2 AS two")).toEqual([{ two: 2 }]);
    });

    it("converts values to JSON itself when the client does not ask for raw text", async () => {
      const response = await post(
        JSON.stringify({
          query:
            "SELECT small, big, ratio, flag, docb, tags, scores, day, $1::float8 AS inf FROM neon_types WHERE id = 1",
          params: ["Infinity"],
        }),
        withConnection(),
      );
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { rows: unknown[]; rowAsArray: boolean };
      expect(answer.rowAsArray).toBe(false);
      expect(answer.rows).toEqual([
        {
          small: -32768,
          big: "9007199254740993",
          ratio: 1.5,
          flag: true,
          docb: { z: "ü", n: 1.5 },
          tags: ["a", "b c", '"q"', null],
          scores: [1, null, 3],
          day: "2024-02-29",
          inf: "Infinity",
        },
      ]);
    });

    // PGlite has a single database and accepts any name: only a real server can refuse the login.
    it.skipIf(!process.env.TEST_DATABASE_URL)(
      "reports a login Postgres refuses with its fields",
      async () => {
        const url = new URL(test.demo.connectionString);
        url.pathname = "/no_such_database";
        const error = await rejection(neon(url.toString()).query("SELECT 1"));
        expect(error.code).toBe("3D000");
        expect(error.message).toMatch(/no_such_database/);
      },
    );

    it("answers 500 when the compute cannot be reached", async () => {
      const unreachable = await startLocalCloud({ databaseUrl: "postgres://postgres@127.0.0.1:1/postgres" });
      try {
        const response = await fetch(unreachable.endpoints.neonHttp, {
          method: "POST",
          body: '{"query":"SELECT 1"}',
          headers: withConnection(),
        });
        expect(response.status).toBe(500);
        expect(((await response.json()) as { message: string }).message).toMatch(
          /^Couldn't connect to compute node/,
        );
      } finally {
        await unreachable.stop();
      }
    });
  });

  describe("fault injection", () => {
    it("fails the next HTTP call with the injected error, then recovers", async () => {
      test.cloud.faults.add({
        service: "neon",
        operation: "sql",
        times: 1,
        error: { type: "ServiceUnavailable", message: "compute is waking up", status: 503 },
      });
      const error = await rejection(sql.query("SELECT 1"));
      expect(error.message).toMatch(/HTTP status 503/);
      expect(error.message).toMatch(/compute is waking up/);
      expect(await sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    });

    it("reports a 400 fault with a SQLSTATE type as that Postgres code", async () => {
      test.cloud.faults.add({
        service: "neon",
        operation: "sql",
        times: 1,
        error: { type: "57P01", message: "terminating connection", status: 400 },
      });
      expect(await rejection(sql.query("SELECT 1"))).toMatchObject({
        code: "57P01",
        message: "terminating connection",
      });
    });

    it("turns a dropped connection into a network error", async () => {
      test.cloud.faults.add({ service: "neon", operation: "sql", times: 1, drop: true });
      const error = await rejection(sql.query("SELECT 1"));
      expect(error.message).toMatch(/^Error connecting to database/);
      expect(await sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    });
  });

  // PGlite serializes every connection into one session: these tests run one at a time.
  describe("Pool over WebSocket", () => {
    it("connects, queries with parameters and commits a transaction on one client", async () => {
      const pool = new Pool({ connectionString: test.demo.connectionString });
      try {
        const { rows } = await pool.query("SELECT $1::int * 2 AS doubled, $2::text AS label", [21, "ünï"]);
        expect(rows).toEqual([{ doubled: 42, label: "ünï" }]);

        const viaPool = await pool.query("SELECT * FROM neon_types ORDER BY id");
        const viaPg = await direct.query("SELECT * FROM neon_types ORDER BY id");
        expect(comparable(viaPool.rows as Record<string, unknown>[])).toEqual(
          comparable(viaPg.rows as Record<string, unknown>[]),
        );

        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO neon_ledger VALUES ($1, $2)", [10, "pooled"]);
          await client.query("COMMIT");
          await client.query("BEGIN");
          await client.query("INSERT INTO neon_ledger VALUES ($1, $2)", [11, "rolled back"]);
          await client.query("ROLLBACK");
          const failed = await client.query("SELECT * FROM no_such_table").catch((error: unknown) => error);
          expect(failed).toMatchObject({ code: "42P01" });
        } finally {
          client.release();
        }
        expect(await ledgerNotes()).toEqual(["first", "pooled"]);
      } finally {
        await pool.end();
      }
    });

    it("applies WebSocket faults: an error refuses the upgrade, a drop cuts the socket", async () => {
      for (const fault of [{ error: { type: "ServiceUnavailable", status: 503 } }, { drop: true }]) {
        test.cloud.faults.add({ service: "neon", operation: "ws", times: 1, ...fault });
        const client = new NeonClient(test.demo.connectionString);
        client.on("error", () => undefined);
        await expect(client.connect()).rejects.toBeDefined();
      }
      const client = new NeonClient(test.demo.connectionString);
      await client.connect();
      expect((await client.query("SELECT 3 AS three")).rows).toEqual([{ three: 3 }]);
      await client.end();
    });

    it("refuses an upgrade without a valid address", async () => {
      const base = `ws://${test.cloud.endpoints.neonWebSocketProxy}`;
      for (const url of [base, `${base}?address=nonsense`, `${base}?address=host:99999`]) {
        const status = await new Promise<number | undefined>((resolve) => {
          const socket = new WebSocket(url);
          socket.on("unexpected-response", (_request, response) => resolve(response.statusCode));
          socket.on("open", () => resolve(101));
          socket.on("error", () => resolve(undefined));
        });
        expect(status, url).toBe(400);
      }
    });
  });

  it("terminates proxied sockets when the cloud stops", async () => {
    const second = await startLocalCloud({ databaseUrl: test.postgres.url });
    const client = new NeonClient(test.demo.connectionString);
    client.neonConfig.wsProxy = second.endpoints.neonWebSocketProxy;
    const ended = new Promise<void>((resolve) => client.on("end", () => resolve()));
    client.on("error", () => undefined);
    await client.connect();
    expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await second.stop();
    await ended;
  });
});
