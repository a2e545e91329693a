import type { QueryParam, TableInfo, TableRef } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { appError, isAppError } from "../lib/errors";
import { hiddenColumnsOf, withoutHiddenColumns } from "../access/hiddenColumns";
import type { Viewer } from "../access/viewer";
import { quoteIdentifier } from "../access/rowScopes";
import {
  findTable,
  policyOf,
  readableTables,
  tableKey,
  verifiedKeyOf,
  type PolicyMap,
} from "../access/viewer";
import { ownerFilter, quoteTable, type OwnerFilter } from "./ownerFilter";
import { tokenize, type SqlToken } from "./sqlTokens";

/*
 * SQL written by a language model, made to see only the contact's rows. For a verified contact every
 * customer table is shadowed by a CTE of the same name holding only their rows, and every table an
 * owner path reads without the contact being allowed to read it is shadowed by an empty CTE:
 *
 *   WITH "orders" AS (SELECT t.* FROM "public"."orders" AS t WHERE EXISTS (... = $2)), ...
 *   <the model's SELECT, unchanged except qualified names of those tables, see below>
 *
 * An unqualified name resolves to the innermost CTE of that name before any table (ONLY, `*` and
 * `TABLE x` included), so `FROM orders` reads the CTE wherever it appears. A schema-qualified name
 * skips CTEs, so each qualified reference to a shadowed table (`public.orders`, `"public"."orders"`,
 * `public /**\/ . orders`) is rewritten to the CTE's name; a three-part name is refused. Statements
 * starting with WITH get the CTEs added to their own list; a parenthesized statement is wrapped as a
 * subquery. The result still goes through `connector.query(sql, params, { allowedTables })`: the
 * guard parses it, allows one SELECT, allow-listed functions and the tables listed here only.
 */

export interface ModelSqlInput {
  sql: string;
  /** Values of the model's `$1..$n`; the owner key is appended after them. */
  params?: readonly QueryParam[];
  catalog: readonly TableInfo[];
  policies: PolicyMap;
  viewer: Viewer;
  /** Schemas searched for unqualified names, as the connection's search_path. Default ["public"]. */
  searchPath?: readonly string[];
}

export interface WrappedSql {
  sql: string;
  params: QueryParam[];
  /** Pass to `connector.query`: what the viewer may read, plus the tables owner paths read. */
  allowedTables: TableRef[];
  /** Tables replaced by a CTE holding only the contact's rows (or none, for owner-path-only tables). */
  shadowed: TableRef[];
}

const ref = (t: TableInfo): TableRef => ({ schema: t.schema, name: t.name });

function refuse(message: string): never {
  throw appError("invalid_input", `This SQL cannot be scoped safely: ${message}.`);
}

/** The CTE name for a shadowed table: its own name, unless that name means another table unqualified. */
function cteName(table: TableInfo, catalog: readonly TableInfo[], searchPath: readonly string[]): string {
  const sameName = catalog.filter((t) => t.name === table.name);
  if (sameName.length === 1) return table.name;
  const winner = searchPath.map((schema) => sameName.find((t) => t.schema === schema)).find(Boolean);
  return winner === table ? table.name : `${table.schema}.${table.name}`;
}

function isPunctuation(token: SqlToken | undefined, char: string): boolean {
  return token?.kind === "punctuation" && token.char === char;
}

/** Exact even when a schema or table name contains a dot. */
const nameKey = (schema: string, name: string) => JSON.stringify([schema, name]);

/** Rewrites `schema.table` references to shadowed tables into their CTE names. */
function rewriteQualified(sql: string, tokens: SqlToken[], ctes: Map<string, string>): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [schema, dot, name] = [tokens[i]!, tokens[i + 1], tokens[i + 2]!];
    if (schema.kind !== "identifier" || !isPunctuation(dot, ".") || name.kind !== "identifier") continue;
    const cte = ctes.get(nameKey(schema.name, name.name));
    if (cte === undefined) continue;
    if (isPunctuation(tokens[i - 1], ".")) refuse(`three-part name ending in ${schema.name}.${name.name}`);
    edits.push({ start: schema.start, end: name.end, text: quoteIdentifier(cte) });
    i += 2;
  }
  return edits.reduceRight((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), sql);
}

export function wrapModelSql(input: ModelSqlInput): WrappedSql {
  const params = [...(input.params ?? [])];
  const searchPath = input.searchPath ?? ["public"];
  let tokens = tokenize(input.sql);
  let sql = input.sql;
  while (isPunctuation(tokens.at(-1), ";")) {
    sql = sql.slice(0, tokens.at(-1)!.start);
    tokens = tokens.slice(0, -1);
  }
  if (tokens.length === 0) refuse("it is empty");
  if (tokens.some((t) => isPunctuation(t, ";"))) refuse("it holds more than one statement");
  const highest = Math.max(0, ...tokens.map((t) => (t.kind === "parameter" ? t.index : 0)));
  if (highest > params.length) refuse(`it uses $${highest} but ${params.length} parameters were given`);

  const readable = readableTables(input.catalog, input.policies, input.viewer);
  const allowedTables = readable.map(({ table }) => ref(table));
  // An admin reads every row, an unverified contact only public tables (the guard enforces which);
  // a verified contact's customer tables are filtered to them. Hidden columns are gone for everyone.
  const ownerKey = input.viewer.kind === "admin" ? null : verifiedKeyOf(input.viewer);

  const keyPlaceholder = `$${params.length + 1}`;
  const definitions: string[] = [];
  const ctes = new Map<string, string>();
  const shadow = (table: TableInfo, body: string, policy?: AccessPolicy) => {
    const name = cteName(table, input.catalog, searchPath);
    const visible = policy === undefined ? table : withoutHiddenColumns(table, policy);
    const columns =
      visible === table ? "t.*" : visible.columns.map((c) => `t.${quoteIdentifier(c.name)}`).join(", ");
    ctes.set(nameKey(table.schema, table.name), name);
    definitions.push(
      `${quoteIdentifier(name)} AS (SELECT ${columns} FROM ${quoteTable(table)} AS t WHERE ${body})`,
    );
  };
  const pathOnly = new Map<string, TableInfo>();
  for (const { table, policy } of readable) {
    if (policy.kind !== "customer" || ownerKey === null) {
      if (hiddenColumnsOf(policy).size > 0) shadow(table, "true", policy);
      continue;
    }
    let filter: OwnerFilter;
    try {
      filter = ownerFilter(table, "t", policy, input.catalog, keyPlaceholder);
    } catch (error) {
      // A policy that no longer matches the catalog: the table reads as empty rather than failing
      // every statement, including those that never mention it.
      if (!isAppError(error)) throw error;
      shadow(table, "false", policy);
      continue;
    }
    shadow(table, filter.sql, policy);
    for (const step of filter.pathTables) {
      const target = findTable(input.catalog, step)!;
      if (policyOf(input.policies, target).kind === "private") pathOnly.set(tableKey(target), target);
    }
  }
  for (const table of pathOnly.values()) {
    shadow(table, "false");
    allowedTables.push(ref(table));
  }
  if (definitions.length === 0) return { sql, params, allowedTables, shadowed: [] };

  const rewritten = rewriteQualified(sql, tokens, ctes);
  const prelude = definitions.join(",\n  ");
  const [first, second] = tokens;
  let wrapped: string;
  if (first?.kind === "identifier" && first.name === "with") {
    const after = second?.kind === "identifier" && second.name === "recursive" ? second : first;
    // The edits happen after `WITH [RECURSIVE]` (a name cannot start there), so `after.end` still holds.
    wrapped = `${rewritten.slice(0, after.end)}\n  ${prelude},\n${rewritten.slice(after.end)}`;
  } else if (isPunctuation(first, "(")) {
    wrapped = `WITH ${prelude}\nSELECT * FROM (\n${rewritten}\n) AS "model_query"`;
  } else {
    wrapped = `WITH ${prelude}\n${rewritten}`;
  }
  return {
    sql: wrapped,
    params: ownerKey === null ? params : [...params, ownerKey],
    allowedTables,
    shadowed: input.catalog.filter((t) => ctes.has(nameKey(t.schema, t.name))).map(ref),
  };
}
