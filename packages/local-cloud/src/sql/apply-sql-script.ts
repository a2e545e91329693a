import { lineAt, splitStatements } from "./sql-lexer.ts";

/** The one method we need from `pg.Client`, PGlite or a pool. */
export interface SqlRunner {
  query(sql: string): Promise<unknown>;
}

/** A statement of a script failed: names the file, the line and the statement, keeps the driver error. */
export class SqlScriptError extends Error {
  constructor(
    readonly fileName: string,
    readonly line: number,
    readonly statement: string,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const excerpt = statement.length > 200 ? `${statement.slice(0, 200)}…` : statement;
    super(`${fileName}:${line}: ${reason}\n  in statement: ${excerpt}`, { cause });
    this.name = "SqlScriptError";
  }
}

/**
 * Runs a SQL script statement by statement, so a failure names the exact statement and line (pg's
 * `position` points inside the statement). On failure an open transaction is rolled back.
 */
export async function applySqlScript(
  runner: SqlRunner,
  sql: string,
  fileName = "script.sql",
): Promise<number> {
  const statements = splitStatements(sql);
  for (const statement of statements) {
    try {
      await runner.query(statement.text);
    } catch (error) {
      await runner.query("ROLLBACK").catch(() => undefined); // outside a transaction this only warns
      const position = Number((error as { position?: string }).position);
      const line =
        Number.isFinite(position) && position > 0
          ? lineAt(sql, statement.offset + position - 1)
          : statement.line;
      throw new SqlScriptError(fileName, line, statement.text, error);
    }
  }
  return statements.length;
}
