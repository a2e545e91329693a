import { existsSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { applyDemoSchema } from "./demo-schema.ts";
import { EmbeddedWireServer } from "./embedded-wire-server.ts";
import { PgliteThread } from "./pglite-thread.ts";

const SEEDED_MARKER = "answerbase-seeded";

/** Deadline of a statement whose session set no statement_timeout. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; omitted = a temporary folder deleted by `stop()` (tests). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Apply database-schema.sql when the database is new (default true). */
  seed?: boolean;
  /**
   * How long a statement may run when its session set no `statement_timeout` (default 30 s). A
   * session's own `statement_timeout` (e.g. `SET LOCAL` in a transaction) applies instead when set.
   */
  defaultStatementTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** A postgres:// URL any Postgres client (pg, the local cloud, psql) can use. */
  url: string;
  /** True when this start created and seeded the database. */
  seeded: boolean;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the Postgres wire protocol. Every connection
 * shares one backend session: queries are serialized and an open transaction holds the others back,
 * which is fine for development and unit tests; concurrency tests use a real server.
 *
 * PGlite runs in a worker thread and ignores statement_timeout and cancel requests itself, so the
 * server enforces both: a statement past its deadline, or cancelled, ends with SQLSTATE 57014, the
 * thread is terminated and PGlite reopened from its files (committed data stays; the session's SET
 * values, prepared statements and temporary tables do not). Without `dataDir` the files live in a
 * temporary folder, so a reopen keeps the data there too.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "answerbase-pglite-")));
  if (temporary) TEMPORARY_DIRS.add(dataDir);
  // The marker is written only after seeding succeeded, so a failed first start seeds again next time.
  const marker = join(dataDir, SEEDED_MARKER);
  const seeded = options.seed !== false && !existsSync(marker);
  await mkdir(dataDir, { recursive: true });
  const thread = new PgliteThread(dataDir);
  const removeTemporary = async () => {
    if (!temporary) return;
    await rm(dataDir, { recursive: true, force: true });
    TEMPORARY_DIRS.delete(dataDir);
  };
  await thread.open().catch(async (error: unknown) => {
    await removeTemporary();
    throw error;
  });
  const host = options.host ?? "127.0.0.1";
  const server = new EmbeddedWireServer(thread, {
    host,
    port: options.port ?? 0,
    defaultStatementTimeoutMs: options.defaultStatementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    maxConnections: 200,
  });
  const stop = async () => {
    await server.stop();
    await thread.close(); // PGlite checkpoints on close; skipping it leaves recovery for next time
    await removeTemporary();
  };
  let port: number;
  try {
    port = await server.start();
  } catch (error) {
    await stop(); // release the data folder for the next attempt
    throw error;
  }
  const url = `postgres://postgres@${host}:${port}/postgres`;
  if (seeded) {
    await seed(url, marker).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  }
  return { url, seeded, stop };
}

async function seed(url: string, marker: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyDemoSchema(client);
    // Statistics from the start: the catalog's estimated row counts (table browser, ingestion progress
    // bars) come from them, and a fresh database has none until autovacuum, which PGlite never runs.
    await client.query("ANALYZE");
    await writeFile(marker, new Date().toISOString());
  } finally {
    await client.end();
  }
}

/** Temporary data folders still in use, removed even when the process exits without `stop()`. */
const TEMPORARY_DIRS = new Set<string>();
process.once("exit", () => {
  for (const dir of TEMPORARY_DIRS) rmSync(dir, { recursive: true, force: true });
});
