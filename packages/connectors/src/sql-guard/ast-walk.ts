import type { TableInfo, TableRef } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import {
  ALLOWED_NODE_TYPES,
  ALLOWED_OPERATORS,
  ALLOWED_SQL_VALUE_FUNCTIONS,
  NODE_LABELS,
  statementLabel,
} from "./allowed-syntax.ts";
import { asJson, builtinName, type Json, onlyEntry, stringList } from "./parse-tree.ts";
import { checkColumnRef, fromListNames, isCte, type Scope } from "./query-scope.ts";
import { type RangeVarName, tableKey, type TableResolver } from "./table-resolver.ts";

/** CTE scopes introduce no FROM names. */
const NOTHING: ReadonlyMap<string, TableInfo | null> = new Map();

export interface WalkRules {
  resolver: TableResolver;
  functions: ReadonlySet<string>;
  castTypes: ReadonlySet<string>;
}

/**
 * Our recursion limit over the JSON tree (objects and arrays). The token and nesting limits in
 * parse-sql.ts already bound it; this is the backstop that keeps the walk off the JS stack's edge.
 */
const MAX_WALK_DEPTH = 1_500;

/**
 * Checks every node of one SELECT against the allow-lists and collects the tables it reads.
 * Generic on purpose: every field of every node is visited, so a function hidden in a LIMIT, a
 * window frame, a type modifier or a VALUES row is seen like one in the select list. Only the node
 * tags listed in allowed-syntax.ts may appear at all.
 */
export class SelectWalker {
  private readonly tables = new Map<string, TableRef>();

  constructor(private readonly rules: WalkRules) {}

  /** The tables read, in order of first appearance, CTE names excluded. */
  walkStatement(node: Json): TableRef[] {
    const [type, body] = onlyEntry(node);
    if (type !== "SelectStmt") throw notSelect(type, body, "");
    this.select(asJson(body), null, 0);
    return [...this.tables.values()];
  }

  private visit(value: unknown, scope: Scope | null, depth: number): void {
    if (depth > MAX_WALK_DEPTH) throw new ConnectorError("rejected_sql", "The SQL is nested too deeply.");
    if (Array.isArray(value)) {
      for (const item of value) this.visit(item, scope, depth + 1);
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [field, child] of Object.entries(value)) {
      // Node tags start with a capital letter; struct fields never do.
      if (/^[A-Z]/.test(field)) this.node(field, asJson(child), scope, depth + 1);
      else if (field === "typeName") this.typeName(asJson(child), scope, depth + 1);
      else this.visit(child, scope, depth + 1);
    }
  }

  private node(type: string, body: Json, scope: Scope | null, depth: number): void {
    if (!ALLOWED_NODE_TYPES.has(type)) {
      if (type.endsWith("Stmt")) throw notSelect(type, body, " inside a query");
      throw new ConnectorError(
        "rejected_sql",
        `${NODE_LABELS[type] ?? type} is not allowed in a read-only query.`,
      );
    }
    switch (type) {
      case "SelectStmt":
        return this.select(body, scope, depth);
      case "RangeVar":
        return this.rangeVar(body, scope);
      case "ColumnRef":
        checkColumnRef(body.fields, scope, this.rules.functions);
        break;
      case "CommonTableExpr":
        // Only reachable through a WITH clause, which select() handles with the right scope.
        throw new ConnectorError("internal", "A CTE appeared outside a WITH clause.");
      case "FuncCall":
        this.functionName(body.funcname);
        break;
      case "A_Expr":
        if (!String(body.kind).includes("BETWEEN")) this.operator(body.name); // BETWEEN's name is the keyword
        break;
      case "SubLink":
        if (body.operName !== undefined) this.operator(body.operName);
        break;
      case "SortBy":
        if (body.useOp !== undefined) this.operator(body.useOp);
        break;
      case "A_Indirection":
        // `(expr).name` selects a field of a composite value, or else calls name(expr) on a value of
        // any type: `('/etc/passwd'::text).pg_read_file` reads the file. We cannot tell which
        // without types, so the name must be safe as a function too.
        for (const field of stringList(body.indirection, null)) {
          if (!this.rules.functions.has(field)) {
            throw new ConnectorError(
              "rejected_sql",
              `Field selection (...).${field} is not allowed: Postgres runs it as the function ${field}() when no such field exists.`,
            );
          }
        }
        break;
      case "SQLValueFunction":
        if (!ALLOWED_SQL_VALUE_FUNCTIONS.has(String(body.op))) {
          const name = String(body.op)
            .replace(/^SVFOP_/, "")
            .toLowerCase();
          throw new ConnectorError(
            "rejected_sql",
            `${name} is not allowed: it reveals the session's user, database or schema.`,
          );
        }
        break;
      case "ColumnDef": {
        // In a column definition list only name, type and collation are possible; anything else
        // (identity sequences, constraints) would be DDL that the grammar put here by mistake.
        const extra = Object.keys(body).filter(
          (field) => !["colname", "typeName", "collClause", "is_local", "location"].includes(field),
        );
        if (extra.length > 0)
          throw new ConnectorError(
            "rejected_sql",
            `Column definition options (${extra.join(", ")}) are not allowed.`,
          );
        break;
      }
    }
    this.visit(body, scope, depth);
  }

  private select(stmt: Json, outer: Scope | null, depth: number): void {
    if (stmt.intoClause !== undefined) {
      throw new ConnectorError(
        "rejected_sql",
        "SELECT ... INTO creates a table; only plain SELECT is allowed.",
      );
    }
    if (Array.isArray(stmt.lockingClause) && stmt.lockingClause.length > 0) {
      throw new ConnectorError("rejected_sql", "FOR UPDATE/SHARE locks rows; only plain SELECT is allowed.");
    }
    const withScope =
      stmt.withClause === undefined ? outer : this.withClause(asJson(stmt.withClause), outer, depth + 1);
    // A new query level: its FROM names shadow outer ones for column references.
    const relations = fromListNames(stmt.fromClause, withScope, (name) => this.rules.resolver.resolve(name));
    const scope: Scope = { ctes: new Set(), relations, parent: withScope };
    for (const [field, value] of Object.entries(stmt)) {
      if (field === "withClause") continue;
      // Set operations keep their branches as bare SelectStmt bodies, without the tag.
      if (field === "larg" || field === "rarg") this.select(asJson(value), scope, depth + 1);
      else this.visit(value, scope, depth + 1);
    }
  }

  /**
   * Walks each CTE body with the names it can see and returns the scope of the main query. Without
   * RECURSIVE a CTE sees only the ones before it, so `WITH customers AS (SELECT * FROM customers)`
   * reads the real table; with RECURSIVE every CTE of the clause is visible everywhere in it.
   */
  private withClause(clause: Json, outer: Scope | null, depth: number): Scope {
    const ctes = (Array.isArray(clause.ctes) ? clause.ctes : []).map((entry) => {
      const [type, body] = onlyEntry(asJson(entry));
      if (type !== "CommonTableExpr")
        throw new ConnectorError("rejected_sql", `${type} is not allowed in WITH.`);
      return asJson(body);
    });
    const names = ctes.map((cte) => String(cte.ctename));
    const all: Scope = { ctes: new Set(names), relations: NOTHING, parent: outer };
    ctes.forEach((cte, index) => {
      const earlier: Scope = { ctes: new Set(names.slice(0, index)), relations: NOTHING, parent: outer };
      const scope = clause.recursive === true ? all : earlier;
      for (const [field, value] of Object.entries(cte)) {
        if (field !== "ctequery") {
          this.visit(value, scope, depth + 1);
          continue;
        }
        const [type, body] = onlyEntry(asJson(value));
        if (type !== "SelectStmt") throw notSelect(type, body, " inside WITH");
        this.select(asJson(body), scope, depth + 1);
      }
    });
    return all;
  }

  private rangeVar(body: Json, scope: Scope | null): void {
    const name = body as RangeVarName;
    if (
      name.schemaname === undefined &&
      name.catalogname === undefined &&
      name.relname !== undefined &&
      isCte(scope, name.relname)
    ) {
      return; // a CTE, checked where it is defined
    }
    const table = this.rules.resolver.resolve(name);
    this.tables.set(tableKey(table), { schema: table.schema, name: table.name });
  }

  private functionName(funcname: unknown): void {
    const parts = stringList(funcname);
    const name = builtinName(parts);
    if (name === null || !this.rules.functions.has(name)) {
      throw new ConnectorError(
        "rejected_sql",
        `Function ${parts.join(".")}() is not allowed in a read-only query; only side-effect-free built-in functions are.`,
      );
    }
  }

  private operator(name: unknown): void {
    const parts = stringList(name);
    const operator = builtinName(parts);
    if (operator === null || !ALLOWED_OPERATORS.has(operator)) {
      throw new ConnectorError(
        "rejected_sql",
        `Operator ${parts.join(".")} is not allowed; only built-in operators are.`,
      );
    }
  }

  private typeName(body: Json, scope: Scope | null, depth: number): void {
    const parts = stringList(body.names);
    const name = builtinName(parts);
    if (body.pct_type === true || body.setof === true || name === null || !this.rules.castTypes.has(name)) {
      throw new ConnectorError(
        "rejected_sql",
        `Type ${parts.join(".")} is not allowed; use built-in types such as text, numeric, date or timestamptz.`,
      );
    }
    this.visit(body, scope, depth); // type modifiers are expressions too
  }
}

function notSelect(type: string, body: unknown, where: string): ConnectorError {
  return new ConnectorError(
    "rejected_sql",
    `Only SELECT is allowed${where} (got ${statementLabel(type, body)}).`,
  );
}
