import type { ColumnInfo, QueryParam, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { JsonValue } from "../core/values.ts";
import { quotePostgresIdentifier, toPostgresParam } from "../postgres-dialect/keyset-sql.ts";

/**
 * One keyset page for Redshift: `SELECT * FROM t WHERE <after> ORDER BY k1, k2 LIMIT n`, where
 * "after (a1, a2)" is spelled out as `k1 > a1 OR (k1 = a1 AND k2 > a2)` (no row-value comparison,
 * which Redshift does not document), led by `k1 >= a1` when k1 is NOT NULL so the sort key's zone
 * maps (or a Postgres index) can skip what comes before. NULLs sort last as in ascending ORDER BY on
 * both engines: "x after a" is `x > a OR x IS NULL` for a nullable column, nothing comes after a
 * NULL, and "x = NULL" is `x IS NULL`. Values are always bound and cast to the column's type, which
 * also types the Redshift Data API's string parameters.
 */
export function buildRedshiftKeysetPage(
  table: TableInfo,
  keys: string[],
  after: readonly JsonValue[] | null,
  limit: number,
): { sql: string; params: QueryParam[] } {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ConnectorError("invalid_input", "The page size must be a positive integer.");
  const columns = keys.map((key) => keyColumn(table, key));
  const from = `${quotePostgresIdentifier(table.schema)}.${quotePostgresIdentifier(table.name)}`;
  const orderBy =
    columns.length > 0 ? ` ORDER BY ${columns.map((c) => quotePostgresIdentifier(c.name)).join(", ")}` : "";
  if (after === null) return { sql: `SELECT * FROM ${from}${orderBy} LIMIT ${limit}`, params: [] };
  if (after.length !== columns.length || columns.length === 0) {
    throw new ConnectorError("invalid_input", "The cursor does not match the table's key.");
  }
  const params: QueryParam[] = [];
  const bound = columns.map((column, i) => {
    const value = after[i] ?? null;
    if (value === null) {
      if (!column.nullable)
        throw new ConnectorError("invalid_input", "The cursor holds a null value for a NOT NULL key column.");
      return null;
    }
    params.push(toPostgresParam(value));
    return `CAST($${params.length} AS ${column.nativeType})`;
  });
  const disjuncts: string[] = [];
  columns.forEach((column, i) => {
    const param = bound[i];
    if (param === null || param === undefined) return; // nothing sorts after NULL (NULLS LAST)
    const name = quotePostgresIdentifier(column.name);
    const equalPrefix = columns.slice(0, i).map((prior, j) => {
      const priorParam = bound[j];
      const priorName = quotePostgresIdentifier(prior.name);
      return priorParam === null || priorParam === undefined
        ? `${priorName} IS NULL`
        : `${priorName} = ${priorParam}`;
    });
    const greater = column.nullable ? `(${name} > ${param} OR ${name} IS NULL)` : `${name} > ${param}`;
    disjuncts.push([...equalPrefix, greater].join(" AND "));
  });
  const first = columns[0];
  const firstParam = bound[0];
  const lead =
    first && !first.nullable && firstParam
      ? `${quotePostgresIdentifier(first.name)} >= ${firstParam} AND `
      : "";
  const where = disjuncts.length === 0 ? "FALSE" : `${lead}(${disjuncts.map((d) => `(${d})`).join(" OR ")})`;
  return { sql: `SELECT * FROM ${from} WHERE ${where}${orderBy} LIMIT ${limit}`, params };
}

function keyColumn(table: TableInfo, key: string): ColumnInfo {
  const column = table.columns.find((c) => c.name === key);
  if (!column)
    throw new ConnectorError(
      "invalid_input",
      `The key column ${key} is not a column of ${table.schema}.${table.name}.`,
    );
  return column;
}
