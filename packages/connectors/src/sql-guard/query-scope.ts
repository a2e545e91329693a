import type { TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import { asJson, type Json, onlyEntry, stringList } from "./parse-tree.ts";
import type { RangeVarName } from "./table-resolver.ts";

/**
 * The names visible at one point of a statement: one link per WITH clause and per query level,
 * innermost first, the way Postgres looks names up.
 */
export interface Scope {
  /** CTE names a WITH clause defines. */
  ctes: ReadonlySet<string>;
  /**
   * The FROM list of one query level: each entry's name (alias, or table name) → the catalog table,
   * or null for a CTE, subquery, function or join alias, whose columns we do not know.
   */
  relations: ReadonlyMap<string, TableInfo | null>;
  parent: Scope | null;
}

/** True when an unqualified table name is a CTE visible here. */
export function isCte(scope: Scope | null, name: string): boolean {
  for (let at = scope; at; at = at.parent) if (at.ctes.has(name)) return true;
  return false;
}

/**
 * The names a FROM list introduces. `resolve` turns a table reference into its catalog entry; it
 * throws for tables that may not be read, as the walk would anyway.
 */
export function fromListNames(
  fromClause: unknown,
  scope: Scope | null,
  resolve: (name: RangeVarName) => TableInfo,
): Map<string, TableInfo | null> {
  const names = new Map<string, TableInfo | null>();
  const add = (item: unknown) => {
    const [type, body] = onlyEntry(asJson(item));
    const node = asJson(body);
    const alias = (node.alias as { aliasname?: string } | undefined)?.aliasname;
    if (type === "RangeVar") {
      const name = node as RangeVarName;
      const relname = name.relname ?? "";
      const cte = name.schemaname === undefined && isCte(scope, relname);
      names.set(alias ?? relname, cte ? null : resolve(name));
    } else if (type === "JoinExpr") {
      add(node.larg);
      add(node.rarg);
      if (alias !== undefined) names.set(alias, null);
    } else if (alias !== undefined) {
      names.set(alias, null);
    } else if (type === "RangeFunction") {
      // Without an alias a function's rows are named after the (first) function.
      const first = (node.functions as { List?: { items?: { FuncCall?: Json }[] } }[] | undefined)?.[0];
      const funcname = stringList(first?.List?.items?.[0]?.FuncCall?.funcname).at(-1);
      if (funcname !== undefined) names.set(funcname, null);
    }
  };
  if (Array.isArray(fromClause)) fromClause.forEach(add);
  return names;
}

/**
 * `t.name` is t's column, or else Postgres calls the function name(t) on the whole row: that is how
 * "computed columns" work, and how `o.archive_order` would run a user-defined function. When t is a
 * catalog table with known columns, `name` must be one of them (or a function we allow anyway).
 * For subqueries, CTEs and functions we cannot know the columns (README.md, "Known gaps").
 */
export function checkColumnRef(fields: unknown, scope: Scope | null, functions: ReadonlySet<string>): void {
  if (!Array.isArray(fields) || fields.length < 2) return;
  const parts = stringList(fields, "*");
  if (parts.length > 3) {
    throw new ConnectorError(
      "rejected_sql",
      `Column ${parts.join(".")} names a database; write table.column.`,
    );
  }
  const column = parts.at(-1) ?? "*";
  const [schema, relation] = parts.length === 3 ? parts : [undefined, parts[0]];
  if (column === "*" || relation === undefined) return;
  const table = relationInScope(scope, relation);
  if (!table || table.columns.length === 0 || (schema !== undefined && table.schema !== schema)) return;
  if (table.columns.some((c) => c.name === column) || functions.has(column)) return;
  throw new ConnectorError(
    "rejected_sql",
    `Column ${relation}.${column} does not exist in ${table.schema}.${table.name} (Postgres would call a function ${column}() on the row instead).`,
  );
}

function relationInScope(scope: Scope | null, name: string): TableInfo | null {
  for (let at = scope; at; at = at.parent) {
    const found = at.relations.get(name);
    if (found !== undefined) return found;
  }
  return null;
}
