import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { applySqlScript, type SqlRunner } from "../sql/apply-sql-script.ts";

/** The demo customer database at the repository root. */
export const DEMO_SCHEMA_PATH = fileURLToPath(new URL("../../../../database-schema.sql", import.meta.url));

/** Applies `database-schema.sql`; it is idempotent, so running it on a seeded database is safe. */
export async function applyDemoSchema(runner: SqlRunner): Promise<number> {
  const sql = await readFile(DEMO_SCHEMA_PATH, "utf8");
  return applySqlScript(runner, sql, "database-schema.sql");
}
