import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { applyDemoSchema } from "./demo-schema.ts";

const SEEDED_MARKER = "answerbase-seeded";

export interface EmbeddedPostgresOptions {
  /** Folder for the database files; omitted = in memory (tests). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Apply database-schema.sql when the database is new (default true). */
  seed?: boolean;
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
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  // The marker is written only after seeding succeeded, so a failed first start seeds again next time.
  const marker = options.dataDir ? join(options.dataDir, SEEDED_MARKER) : undefined;
  const seeded = options.seed !== false && !(marker && existsSync(marker));
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  if (seeded) {
    await applyDemoSchema(db);
    // Statistics from the start: the catalog's estimated row counts (table browser, ingestion progress
    // bars) come from them, and a fresh database has none until autovacuum, which PGlite never runs.
    await db.exec("ANALYZE");
    if (marker) await writeFile(marker, new Date().toISOString());
  }
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 200 });
  try {
    await server.start();
  } catch (error) {
    await db.close(); // release the data folder for the next attempt
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    seeded,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
