import { queryRaw, type BackendLogin, type PostgresBackend } from "../postgres/postgres-backend.ts";
import type { DatabaseSession } from "./column-catalog.ts";

const cancelSupport = new WeakMap<PostgresBackend, Promise<boolean>>();

/**
 * Whether `pg_cancel_backend` can stop one session's query. PGlite cannot: all its connections share
 * one backend (same pid), so the signal would hit whichever query runs next. Asked once per backend.
 */
export function supportsBackendCancel(backend: PostgresBackend, client: DatabaseSession): Promise<boolean> {
  let known = cancelSupport.get(backend);
  if (!known) {
    known = queryRaw(client, "SELECT version()").then(
      ({ rows }) => !/PGlite/i.test(rows[0]?.[0] ?? ""),
      () => false,
    );
    cancelSupport.set(backend, known);
  }
  return known;
}

/** Cancels the query running in backend `pid`, from a short-lived session of the same login. */
export async function cancelBackendQuery(
  backend: PostgresBackend,
  login: BackendLogin,
  pid: number,
): Promise<void> {
  if (!pid) return;
  let client: Awaited<ReturnType<PostgresBackend["connect"]>> | undefined;
  try {
    client = await backend.connect(login);
    await client.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The query may have ended, or the login lost its rights: the statement is ABORTED either way.
  } finally {
    await client?.end().catch(() => undefined);
  }
}
