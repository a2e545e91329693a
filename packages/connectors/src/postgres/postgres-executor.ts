import { checkedSocket, type NetworkAccess } from "@answerbase/egress";
import pg from "pg";
import type { QueryParam } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecuteOptions, ExecutedStatement, SqlExecutor } from "../core/sql-executor.ts";
import { TYPE_NAME_QUERY, TypeNames, normalizeTextRows } from "../postgres-dialect/type-names.ts";
import { mapPgError } from "./pg-errors.ts";

/** Every value stays Postgres text; values.ts normalizes it the same way for every engine. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/**
 * How long a read-only statement may overrun its server-side statement_timeout before the client gives
 * up on the connection: long enough for the server's own cancellation (57014) to arrive normally.
 */
const SERVER_TIMEOUT_GRACE_MS = 250;

/** A ROLLBACK after a failed statement is instant; one that is not means the connection is bad. */
const ROLLBACK_TIMEOUT_MS = 2_000;

const POOL_SIZE = 4;

/** Session settings that make the text forms predictable: UTC timestamptz, ISO dates and intervals. */
const SESSION_SETUP = "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'";

/**
 * Runs statements over a small `pg.Pool`. Every call has a deadline: connecting, then the statement,
 * which is cancelled with a protocol CancelRequest when time is up (and the connection discarded), so
 * no promise outlives its timeout. Read-only statements run as
 * `BEGIN READ ONLY; SET LOCAL statement_timeout` / statement / `COMMIT` on one connection, so
 * Postgres itself refuses writes and stops the statement even if this process dies; the caller waits
 * for two of those three round trips (not for the COMMIT's reply).
 */
export function createPostgresExecutor(
  connectionString: string,
  network: NetworkAccess = "public_internet",
): SqlExecutor {
  const pool = new pg.Pool({
    connectionString,
    // Every connection, and every cancel request, goes through the egress policy: the host is resolved,
    // checked, and the socket connects to the checked address (no DNS rebinding in between).
    stream: () => checkedSocket(network),
    max: POOL_SIZE,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: "answerbase",
    types: RAW_TEXT,
    // pg-pool awaits onConnect before handing the client out (pg-pool's _promiseTry); @types/pg says void.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onConnect: async (client) => {
      // A checked-out client has no pool listener; a dropped socket must not crash the process.
      client.on("error", () => undefined);
      await client.query(SESSION_SETUP);
    },
  });
  pool.on("error", () => undefined); // idle client lost (server restart): the pool replaces it
  const typeNames = new TypeNames();

  async function execute(
    sql: string,
    params: readonly QueryParam[],
    { timeoutMs, readOnly, onCancellable }: ExecuteOptions,
  ): Promise<ExecutedStatement> {
    const deadline = performance.now() + timeoutMs;
    const left = () => Math.max(1, deadline - performance.now());
    const client = await checkout(pool, timeoutMs);
    const run = (text: string, values: unknown[] = [], ms = left()) =>
      runWithin(client, { text, values, rowMode: "array" }, ms, network);
    let discard: Error | undefined;
    try {
      if (readOnly) await run(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.ceil(left())}`);
      // The server's statement_timeout should fire first, leaving a reusable connection.
      const running = run(sql, [...params], readOnly ? left() + SERVER_TIMEOUT_GRACE_MS : left());
      onCancellable?.(() => sendCancelRequest(client, network));
      const result = await running;
      // The COMMIT of a read-only transaction cannot fail but by losing the connection, so its reply is
      // not waited for: pg sends it now and holds this connection's next query (this call's type names,
      // or the next caller's BEGIN) until it is answered. One round trip less per statement. No timer
      // (no CancelRequest) on it: the connection may serve another call by then, whose own deadline
      // covers a connection that stopped answering; a lost one fails that call as `network`.
      if (readOnly) client.query("COMMIT").catch(() => undefined);
      const columns = await typeNames.resultColumns(result.fields, async (oids) => {
        const found = await run(TYPE_NAME_QUERY, [`{${oids.join(",")}}`]);
        return (found.rows as (string | null)[][]).map(([oid, name]) => ({
          oid: Number(oid),
          name: name ?? "unknown",
        }));
      });
      return { columns, rows: normalizeTextRows(columns, result.rows as (string | null)[][]) };
    } catch (error) {
      const mapped = mapPgError(error);
      if (mapped.code === "timeout" || mapped.code === "network") discard = mapped;
      else if (readOnly)
        await run("ROLLBACK", [], ROLLBACK_TIMEOUT_MS).catch((e: unknown) => (discard = mapPgError(e)));
      throw mapped;
    } finally {
      client.release(discard);
    }
  }

  async function* cursor(
    sql: string,
    params: readonly QueryParam[],
    { timeoutMs, batchSize }: { timeoutMs: number; batchSize: number },
  ): AsyncGenerator<ExecutedStatement> {
    const client = await checkout(pool, timeoutMs);
    const run = (text: string, values: unknown[] = [], ms = timeoutMs + SERVER_TIMEOUT_GRACE_MS) =>
      runWithin(client, { text, values, rowMode: "array" }, ms, network);
    let discard: Error | undefined;
    let open = false;
    try {
      await run(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
      open = true;
      // Without SCROLL and outside WITH HOLD the server streams the plan's rows as FETCH asks.
      await run(`DECLARE answerbase_export CURSOR FOR ${sql}`, [...params]);
      let columns: ExecutedStatement["columns"] | undefined;
      for (;;) {
        const result = await run(`FETCH FORWARD ${batchSize} FROM answerbase_export`);
        columns ??= await typeNames.resultColumns(result.fields, async (oids) => {
          const found = await run(TYPE_NAME_QUERY, [`{${oids.join(",")}}`]);
          return (found.rows as (string | null)[][]).map(([oid, name]) => ({
            oid: Number(oid),
            name: name ?? "unknown",
          }));
        });
        yield { columns, rows: normalizeTextRows(columns, result.rows as (string | null)[][]) };
        if (result.rows.length < batchSize) break;
      }
      await run("COMMIT");
      open = false;
    } catch (error) {
      const mapped = mapPgError(error);
      if (mapped.code === "timeout" || mapped.code === "network") discard = mapped;
      throw mapped;
    } finally {
      // A failure, or a consumer that stopped early (the export's client went away).
      if (open && discard === undefined)
        await run("ROLLBACK", [], ROLLBACK_TIMEOUT_MS).catch((e: unknown) => (discard = mapPgError(e)));
      client.release(discard);
    }
  }

  let closing: Promise<void> | undefined;
  return {
    execute,
    cursor,
    close: () => (closing ??= pool.end().catch((error: unknown) => Promise.reject(mapPgError(error)))),
  };
}

/** A pooled connection within `timeoutMs`; a connection that arrives later is handed straight back. */
async function checkout(pool: pg.Pool, timeoutMs: number): Promise<pg.PoolClient> {
  const connecting = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      connecting.then(
        (late) => late.release(),
        () => undefined,
      );
      // Every connection busy with other calls is a wait, not an unreachable server.
      const busy = pool.totalCount >= POOL_SIZE && pool.idleCount === 0;
      reject(
        busy
          ? new ConnectorError("timeout", `No database connection became free within ${timeoutMs} ms.`)
          : new ConnectorError("network", `Could not connect to the database within ${timeoutMs} ms.`),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } catch (error) {
    throw mapPgError(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one query; past `timeoutMs` sends a CancelRequest for it and rejects with `timeout` right
 * away (the caller discards the connection, so a server that never answers costs nothing more).
 */
async function runWithin(
  client: pg.PoolClient,
  query: pg.QueryArrayConfig,
  timeoutMs: number,
  network: NetworkAccess,
): Promise<pg.QueryArrayResult> {
  const running = client.query(query);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      running.catch(() => undefined); // its failure (cancelled, connection closed) is already reported as a timeout
      sendCancelRequest(client, network);
      reject(
        new ConnectorError(
          "timeout",
          `The statement did not finish within ${Math.round(timeoutMs)} ms and was cancelled.`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

interface BackendKey {
  processID?: number | null;
  secretKey?: number | null;
  host?: string;
  port?: number;
}

/**
 * The Postgres protocol's CancelRequest (16 bytes on a new connection: length, 80877102, backend pid,
 * secret key), sent and forgotten: the server stops the statement if it still runs. Errors ignored on
 * purpose: the caller already reports a timeout and discards the connection either way.
 */
function sendCancelRequest(client: pg.PoolClient, network: NetworkAccess): void {
  const { processID, secretKey, host, port } = client as unknown as BackendKey;
  if (typeof processID !== "number" || typeof secretKey !== "number" || !host) return;
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80877102, 4);
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  const socket = checkedSocket(network);
  if (host.startsWith("/")) socket.connect(`${host}/.s.PGSQL.${port ?? 5432}`);
  else socket.connect(port ?? 5432, host);
  socket.setTimeout(5_000, () => socket.destroy());
  socket.on("error", () => socket.destroy());
  socket.once("connect", () => socket.end(packet));
}
