/**
 * `pnpm --filter @answerbase/local-cloud apply-schema [--database-url URL]`: applies database-schema.sql
 * (idempotent: it recreates the demo tables) to a Postgres server. Reports the failing line on error.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { applyDemoSchema } from "../postgres/demo-schema.ts";
import { SqlScriptError } from "../sql/apply-sql-script.ts";

const { values } = parseArgs({ options: { "database-url": { type: "string" } } });
const databaseUrl = values["database-url"] ?? process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("No database: pass --database-url postgres://… or set DATABASE_URL.");
  process.exit(1);
}
const client = new pg.Client({ connectionString: databaseUrl });
try {
  await client.connect();
  const count = await applyDemoSchema(client);
  console.log(`Applied database-schema.sql (${count} statements).`);
} catch (error) {
  console.error(
    error instanceof SqlScriptError ? error.message : `Could not apply the schema: ${String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await client.end();
}
