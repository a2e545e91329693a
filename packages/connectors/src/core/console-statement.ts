import { ConnectorError } from "./errors.ts";

/*
 * The SQL the console sends around an admin's guarded statement. Paging is LIMIT/OFFSET over the
 * statement as a subquery: an arbitrary SELECT has no key to seek on, and a server-side cursor would
 * pin a connection (and a transaction) between two HTTP calls, which neither the Data APIs nor a
 * pooled Convex action can hold. The price is that page n re-runs the statement and skips n pages of
 * rows; the statement timeout bounds it.
 */

const TAG = /^[a-z0-9-]{1,100}$/;
const TAG_PREFIX = "answerbase-console:";

export function consoleTagOption(tag: unknown): string {
  if (typeof tag !== "string" || !TAG.test(tag)) {
    throw new ConnectorError("invalid_input", "tag must be 1 to 100 characters of a-z, 0-9 and -.");
  }
  return tag;
}

/** The comment that marks a console statement; the tag is checked, so it cannot close the comment. */
function marker(tag: string): string {
  return `/* ${TAG_PREFIX}${tag} */`;
}

/**
 * `pageSize + 1` rows after `offset`: the extra row only says whether another page exists. The
 * statement keeps its own lines so a trailing `-- comment` cannot swallow the closing parenthesis.
 */
export function consolePageSql(statement: string, tag: string, pageSize: number, offset: number): string {
  const text = statement.replace(/[\s;]+$/, "");
  return `${marker(tag)} SELECT * FROM (\n${text}\n) AS console_page LIMIT ${pageSize + 1} OFFSET ${offset}`;
}

export function consoleExplainSql(statement: string, tag: string): string {
  return `${marker(tag)} EXPLAIN\n${statement.replace(/[\s;]+$/, "")}`;
}

/** Where the admin's own text starts in what was sent: the server's error positions count from there. */
export function consolePrefixLength(tag: string, explain: boolean): number {
  return explain ? `${marker(tag)} EXPLAIN\n`.length : `${marker(tag)} SELECT * FROM (\n`.length;
}

/**
 * Cancels, from a second connection, the statement carrying `tag`'s marker. The pattern is a bound
 * parameter, so this statement's own text does not match itself; `pg_cancel_backend` only signals
 * backends of the same role, which is the role the console ran as.
 */
export function consoleCancelStatement(tag: string): { sql: string; params: string[] } {
  return {
    sql: `SELECT pg_catalog.pg_cancel_backend(pid) AS cancelled FROM pg_catalog.pg_stat_activity WHERE pid <> pg_catalog.pg_backend_pid() AND state = 'active' AND query LIKE $1`,
    params: [`%${TAG_PREFIX}${tag} */%`],
  };
}
