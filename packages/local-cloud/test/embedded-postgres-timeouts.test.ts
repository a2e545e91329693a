import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../src/postgres/embedded-postgres.ts";

// Never ends on its own: PGlite ignores statement_timeout and cancel requests, the server must stop it.
const ENDLESS = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM t) SELECT count(*) FROM t";
// Far above every deadline these tests set, far below the default ceiling of the instances that rely
// on a session timeout: a statement still running by then was not stopped by the timeout under test.
const STILL_RUNNING_AFTER_MS = 15_000;

const stateDir = mkdtempSync(path.join(tmpdir(), "embedded-postgres-timeouts-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

let database: EmbeddedPostgres | undefined;
const clients: pg.Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
  await database?.stop();
  database = undefined;
});

async function client(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined);
  await c.connect();
  clients.push(c);
  return c;
}

/** Resolves with the error the statement ended with, or "still running" if it outlives the bound. */
function outcome(
  query: Promise<unknown>,
): Promise<{ code?: string; message: string } | "finished" | "still running"> {
  const bound = new Promise<"still running">((resolve) =>
    setTimeout(() => resolve("still running"), STILL_RUNNING_AFTER_MS).unref(),
  );
  return Promise.race([
    query.then(
      () => "finished" as const,
      (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
    ),
    bound,
  ]);
}

const TIMEOUT_ERROR = { code: "57014", message: "canceling statement due to statement timeout" };

describe("embedded Postgres: statements past their deadline", () => {
  it("ends a statement past its transaction's SET LOCAL statement_timeout; others carry on, committed data stays", async () => {
    database = await startEmbeddedPostgres({
      dataDir: path.join(stateDir, "persisted"),
      seed: false,
      defaultStatementTimeoutMs: 120_000,
    });
    const agent = await client(database.url);
    const other = await client(database.url);
    await other.query("CREATE TABLE kept (note text)");
    await other.query("INSERT INTO kept VALUES ('written before')");

    // What the connectors do with agent SQL.
    await agent.query("BEGIN READ ONLY");
    await agent.query("SET LOCAL statement_timeout = 1000");
    const endless = outcome(agent.query(ENDLESS));
    // The process is not frozen while the statement runs: timers fire, other clients queue up.
    const timerFired = await Promise.race([
      new Promise((resolve) => setTimeout(() => resolve("timer"), 100)),
      endless.then(() => "statement ended first"),
    ]);
    expect(timerFired).toBe("timer");
    // Sent while the statement runs; PGlite has one session, so it waits for the agent's transaction.
    const duringTheStatement = other.query<{ note: string }>("SELECT note FROM kept");

    expect(await endless).toEqual(TIMEOUT_ERROR);
    // As on PostgreSQL, the transaction is aborted until the client rolls it back.
    await expect(agent.query("SELECT 1")).rejects.toMatchObject({ code: "25P02" });
    await agent.query("ROLLBACK");
    expect((await duringTheStatement).rows).toEqual([{ note: "written before" }]);
    expect((await agent.query("SELECT count(*)::int AS n FROM kept")).rows).toEqual([{ n: 1 }]);
    await other.query("INSERT INTO kept VALUES ('written after')");
    expect((await other.query("SELECT note FROM kept ORDER BY note")).rows).toEqual([
      { note: "written after" },
      { note: "written before" },
    ]);
  });

  it("ends a statement at the default ceiling when the session set no statement_timeout (temporary folder)", async () => {
    // 3 s, not less: after a timeout PGlite is reopened, and on a loaded 2-core machine (load 16) the
    // reopened database's first trivial statement once took longer than a 1.5 s ceiling.
    database = await startEmbeddedPostgres({ seed: false, defaultStatementTimeoutMs: 3_000 });
    const agent = await client(database.url);
    const other = await client(database.url);
    await other.query("CREATE TABLE kept AS SELECT 42 AS answer");

    const endless = outcome(agent.query(ENDLESS));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const duringTheStatement = other.query<{ answer: number }>("SELECT answer FROM kept");
    expect(await endless).toEqual(TIMEOUT_ERROR);
    expect((await duringTheStatement).rows).toEqual([{ answer: 42 }]);
    // Parameters use the extended protocol: the rest of the stopped cycle is skipped until Sync.
    const extended = outcome(
      agent.query("SELECT count(*) FROM (" + ENDLESS.replace("SELECT 1", "SELECT $1::int") + ") s", [1]),
    );
    expect(await extended).toEqual(TIMEOUT_ERROR);
    expect((await agent.query("SELECT $1::int AS v", [7])).rows).toEqual([{ v: 7 }]);
    expect((await other.query("SELECT answer FROM kept")).rows).toEqual([{ answer: 42 }]);
  });

  it("applies the statement_timeout a client asks for when it connects", async () => {
    database = await startEmbeddedPostgres({ seed: false, defaultStatementTimeoutMs: 120_000 });
    const agent = new pg.Client({ connectionString: database.url, statement_timeout: 1_000 });
    agent.on("error", () => undefined);
    await agent.connect();
    clients.push(agent);
    expect(await outcome(agent.query(ENDLESS))).toEqual(TIMEOUT_ERROR);
    expect((await agent.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("ends a running statement on a CancelRequest for its connection", async () => {
    database = await startEmbeddedPostgres({ seed: false, defaultStatementTimeoutMs: 120_000 });
    const agent = await client(database.url);
    const other = await client(database.url);
    const endless = outcome(agent.query(ENDLESS));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // What a driver sends on a new connection: length 16, code 80877102, process id, secret key.
    const { processID, secretKey } = agent as unknown as { processID: number; secretKey: number };
    const cancel = Buffer.alloc(16);
    cancel.writeInt32BE(16, 0);
    cancel.writeInt32BE(80877102, 4);
    cancel.writeInt32BE(processID, 8);
    cancel.writeInt32BE(secretKey, 12);
    const { port, hostname } = new URL(database.url);
    const socket = connect(Number(port), hostname, () => socket.end(cancel));

    expect(await endless).toEqual({ code: "57014", message: "canceling statement due to user request" });
    expect((await other.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    expect((await agent.query("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });
});
