import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { applySqlScript, startEmbeddedPostgres } from "@answerbase/local-cloud";
import { startEvalDatabase, type EvalDatabase } from "./database.ts";

/**
 * Like the demo database, but seeded from another SQL file (a domain's `schema.sql`): an in-memory
 * PGlite without the demo schema, the local cloud in front of it, then the script applied statement by
 * statement over the cloud's own connection to it (a failure names the file and line).
 */
export async function startSeededDatabase(schemaFile: string, label: string): Promise<EvalDatabase> {
  const sql = await readFile(schemaFile, "utf8");
  const embedded = await startEmbeddedPostgres({ seed: false });
  let database: EvalDatabase;
  try {
    database = await startEvalDatabase(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  const stop = async () => {
    await database.stop();
    await embedded.stop();
  };
  try {
    const client = await database.cloud.backend.connect();
    try {
      await applySqlScript(client, sql, basename(schemaFile));
      // Row estimates (ingestion progress, the table browser) come from statistics, as the demo seed does.
      await client.query("ANALYZE");
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ...database, label, stop };
}
