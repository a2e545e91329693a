/**
 * The RDS Data API reports a Postgres error as text only:
 * `ERROR: relation "x" does not exist; Position: 15; SQLState: 42P01`. These read the SQLSTATE and
 * the Postgres message back out of it, so the error maps like every other Postgres error
 * (postgres-dialect/sql-state.ts).
 */

/** `…; SQLState: 42P01` → `42P01`. */
export function sqlStateFromMessage(message: string): string | undefined {
  return /;\s*SQLState:\s*([0-9A-Z]{5})\s*$/.exec(message)?.[1];
}

/** The Postgres message without the `ERROR:` prefix and the `; Position: …; SQLState: …` decorations. */
export function postgresMessageFromDataApi(message: string): string {
  return message
    .replace(/;\s*SQLState:\s*[0-9A-Z]{5}\s*$/, "")
    .replace(/;\s*Position:\s*\d+/, "")
    .replace(/^(ERROR|FATAL|PANIC):\s*/, "")
    .trim();
}
