import { checkedFetch, resolveChecked, type NetworkAccess } from "@answerbase/egress";
import { neon, neonConfig, type FullQueryResults } from "@neondatabase/serverless";
import type { QueryParam } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecuteOptions, SqlExecutor } from "../core/sql-executor.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { TYPE_NAME_QUERY, TypeNames, normalizeTextRows } from "../postgres-dialect/type-names.ts";
import { mapNeonError } from "./neon-errors.ts";

/** Every value stays Postgres text (values.ts normalizes it); the driver reads `types` per query. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Where a request should go, carried inside the per-call `fetchOptions` (which the driver spreads
 * into the `fetch` init). See {@link installEndpointRouting}.
 */
const FETCH_ENDPOINT = Symbol.for("answerbase.connectors.neonFetchEndpoint");

/** The `fetch` a request goes through, carried like the endpoint. */
const FETCH_THROUGH = Symbol.for("answerbase.connectors.neonFetchThrough");

/** How long a database host's egress check holds before its name is resolved and checked again. */
const HOST_CHECK_TTL_MS = 60_000;

/**
 * Runs statements over Neon's HTTP endpoint (`fetch` only, so it works in Convex's default runtime).
 * No WebSocket session is needed: every operation is one statement (keyset pages resume from their
 * cursor, not from a server-side portal), and the read-only query is an HTTP batch transaction
 * (`Neon-Batch-Read-Only`, with `SET LOCAL statement_timeout` as its first statement), which Postgres
 * enforces. Each request carries an abort signal, so no call outlives its timeout; Neon's proxy cancels
 * the statement when its HTTP request goes away.
 *
 * Egress: the database host in the connection string is resolved and checked against `network` before
 * a statement is sent (the proxy would connect to it on our behalf), and when the driver derives its
 * own API URL from that host (no `fetchEndpoint`), the request itself goes through the checked fetch.
 * A configured `fetchEndpoint` is the platform's own (the local cloud), so it is fetched as is.
 */
export function createNeonExecutor(connectionString: string, environment: ConnectorEnvironment): SqlExecutor {
  installEndpointRouting();
  const sql = neon(connectionString, { arrayMode: true, fullResults: true, disableWarningInBrowsers: true });
  const endpoint = environment.neon?.fetchEndpoint;
  const network: NetworkAccess = environment.network ?? "public_internet";
  const through = endpoint ? undefined : checkedFetch(network);
  const databaseHost = new URL(connectionString).hostname;
  let hostChecked: { at: number; check: Promise<unknown> } | undefined;
  const checkDatabaseHost = () => {
    if (hostChecked === undefined || performance.now() - hostChecked.at > HOST_CHECK_TTL_MS) {
      const check = resolveChecked(databaseHost, network);
      check.catch(() => (hostChecked = undefined)); // a failed check is not remembered
      hostChecked = { at: performance.now(), check };
    }
    return hostChecked.check;
  };
  const typeNames = new TypeNames();
  let closed = false;

  const fetchOptionsFor = (timeoutMs: number, cancel?: AbortSignal) => ({
    signal: cancel
      ? AbortSignal.any([AbortSignal.timeout(timeoutMs), cancel])
      : AbortSignal.timeout(timeoutMs),
    ...(endpoint ? { [FETCH_ENDPOINT]: endpoint } : {}),
    ...(through ? { [FETCH_THROUGH]: through } : {}),
  });
  const queryOptions = { arrayMode: true, fullResults: true, types: RAW_TEXT } as const;

  async function run(
    text: string,
    params: readonly QueryParam[],
    { timeoutMs, readOnly, onCancellable }: ExecuteOptions,
  ): Promise<FullQueryResults<true>> {
    // The console's cancel aborts the request; Neon's proxy stops the statement when it goes away.
    const cancel = onCancellable ? new AbortController() : undefined;
    const fetchOptions = fetchOptionsFor(timeoutMs, cancel?.signal);
    if (cancel) onCancellable?.(() => cancel.abort());
    if (!readOnly) return sql.query(text, [...params], { ...queryOptions, fetchOptions });
    const [, result] = await sql.transaction(
      [
        sql.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`, [], queryOptions),
        sql.query(text, [...params], queryOptions),
      ],
      { readOnly: true, arrayMode: true, fullResults: true, fetchOptions },
    );
    if (!result) throw new ConnectorError("internal", "Neon returned no result for the statement.");
    return result;
  }

  return {
    async execute(text, params, options) {
      if (closed) throw new ConnectorError("internal", "This connector was closed; create a new one.");
      const deadline = performance.now() + options.timeoutMs;
      try {
        await checkDatabaseHost();
        const result = await run(text, params, options);
        const columns = await typeNames.resultColumns(result.fields, async (oids) => {
          const timeoutMs = Math.max(1, Math.round(deadline - performance.now()));
          const found = await run(TYPE_NAME_QUERY, [`{${oids.join(",")}}`], { timeoutMs, readOnly: false });
          return (found.rows as (string | null)[][]).map(([oid, name]) => ({
            oid: Number(oid),
            name: name ?? "unknown",
          }));
        });
        return { columns, rows: normalizeTextRows(columns, result.rows as (string | null)[][]) };
      } catch (error) {
        throw mapNeonError(error, options.timeoutMs);
      }
    },
    // HTTP holds no connection; closing only refuses later calls.
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}

let routingInstalled = false;

/**
 * `neonConfig.fetchEndpoint` and `fetchFunction` are process-wide in the driver (no per-`neon()`
 * option), but each connector may point somewhere else (the local cloud in development, Neon in
 * production). Instead of rewriting the global per tenant, which would race between concurrent
 * connectors, one tenant-agnostic `fetchFunction` is installed once: it sends a request to the
 * endpoint its connector put in the per-call `fetchOptions`, or to the driver's own URL when none
 * was given, through whatever fetch was there before.
 */
function installEndpointRouting(): void {
  if (routingInstalled) return;
  routingInstalled = true;
  const previous = neonConfig.fetchFunction as typeof fetch | undefined;
  neonConfig.fetchFunction = (
    url: string,
    init: RequestInit & { [FETCH_ENDPOINT]?: string; [FETCH_THROUGH]?: typeof fetch },
  ) => {
    const { [FETCH_ENDPOINT]: endpoint, [FETCH_THROUGH]: through, ...rest } = init;
    return (through ?? previous ?? globalThis.fetch)(endpoint ?? url, rest);
  };
}
