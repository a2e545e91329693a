import { randomBytes } from "node:crypto";
import { startTestPostgres, type TestPostgres } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError } from "../src/core/errors.ts";
import { insertPostgresRow, insertStatement } from "../src/postgres/postgres-row-insert.ts";

/**
 * The one write (a `db_insert` action's row) on PGlite, and with TEST_DATABASE_URL on PostgreSQL 15,
 * where roles are real: a role without INSERT gets permission denied (42501) back.
 */

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const suffix = randomBytes(4).toString("hex");
let database: TestPostgres;
let admin: pg.Client;

const rows = async () =>
  (
    await admin.query<{ id: string; outcome: string; note: string | null }>(
      "SELECT id::text, outcome, note FROM public.call_outcomes ORDER BY id",
    )
  ).rows;

const insert = (values: { column: string; value: string | number | boolean | null }[], rollback = false) => ({
  table: { schema: "public", name: "call_outcomes" },
  values,
  returning: ["id"],
  timeoutMs: 5_000,
  rollback,
});

beforeAll(async () => {
  database = await startTestPostgres({ seed: false });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  await admin.query(`CREATE TABLE public.call_outcomes (
    id bigserial PRIMARY KEY,
    outcome text NOT NULL CHECK (outcome IN ('resolved', 'callback')),
    note text
  )`);
}, 120_000);
afterAll(async () => {
  await admin?.end();
  await database?.stop();
});

describe("insertPostgresRow", () => {
  it("quotes identifiers and binds every value", () => {
    expect(
      insertStatement({
        table: { schema: "public", name: 'odd"name' },
        values: [
          { column: "outcome", value: "x" },
          { column: "note", value: null },
        ],
        returning: ["id"],
      }),
    ).toBe('INSERT INTO "public"."odd""name" ("outcome", "note") VALUES ($1, $2) RETURNING "id"');
  });

  it("stores a value holding SQL as the text it is, and returns only the key", async () => {
    const injected = "x'); DROP TABLE public.call_outcomes; --";
    const row = await insertPostgresRow(
      database.url,
      "private_networks",
      insert([
        { column: "outcome", value: "resolved" },
        { column: "note", value: injected },
      ]),
    );
    expect(row).toMatchObject({ rolledBack: false, key: { id: expect.stringMatching(/^\d+$/) } });
    expect(Object.keys(row.key)).toEqual(["id"]);
    expect(await rows()).toEqual([{ id: row.key.id, outcome: "resolved", note: injected }]);
  });

  it("rolls back when asked (the dashboard's Test), though the database checked the row", async () => {
    const before = await rows();
    const row = await insertPostgresRow(
      database.url,
      "private_networks",
      insert([{ column: "outcome", value: "callback" }], true),
    );
    expect(row.rolledBack).toBe(true);
    expect(row.key.id).toMatch(/^\d+$/);
    expect(await rows()).toEqual(before);
  });

  it("reports a constraint violation with its SQLSTATE and keeps nothing", async () => {
    const before = await rows();
    const refused = insertPostgresRow(
      database.url,
      "private_networks",
      insert([{ column: "outcome", value: "maybe" }]),
    );
    await expect(refused).rejects.toBeInstanceOf(ConnectorError);
    await expect(refused).rejects.toMatchObject({ sqlState: "23514" });
    expect(await rows()).toEqual(before);
  });

  it("goes through the egress policy: a loopback database without the grant is refused", async () => {
    await expect(
      insertPostgresRow(database.url, "public_internet", insert([{ column: "outcome", value: "resolved" }])),
    ).rejects.toMatchObject({ code: "forbidden_network" });
  });

  it.runIf(onServer)("a role without INSERT on the table gets permission denied (42501)", async () => {
    const role = `lookup_only_${suffix}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
    try {
      await admin.query(`GRANT SELECT ON public.call_outcomes TO ${role}`);
      const url = new URL(database.url);
      url.username = role;
      url.password = "pw";
      await expect(
        insertPostgresRow(
          url.toString(),
          "private_networks",
          insert([{ column: "outcome", value: "resolved" }]),
        ),
      ).rejects.toMatchObject({ code: "permission", sqlState: "42501" });
    } finally {
      await admin.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });
});
