/**
 * Allow-lists for everything in a SELECT that is not a function call: parse-tree node types,
 * operators, cast target types and SQL value functions. Anything not listed here is refused, so a
 * construct we never thought about fails closed instead of slipping through.
 */

/**
 * Parse-tree node types (libpg-query's JSON tags) a read-only SELECT may contain. Nodes with
 * special rules (SelectStmt, RangeVar, FuncCall, A_Expr, SubLink, SortBy, TypeCast,
 * SQLValueFunction, ColumnDef) are listed too and get their extra checks in ast-walk.ts.
 * Deliberately absent: XmlExpr/XmlSerialize/RangeTableFunc (XML parsing, XMLTABLE), JsonTable,
 * RangeTableSample, CurrentOfExpr, SetToDefault, MergeSupportFunc, LockingClause, IntoClause and
 * every statement node.
 */
export const ALLOWED_NODE_TYPES: ReadonlySet<string> = new Set([
  // statements and clauses
  "SelectStmt",
  "ResTarget",
  "RangeVar",
  "RangeSubselect",
  "RangeFunction",
  "JoinExpr",
  "SortBy",
  "WindowDef",
  "CommonTableExpr",
  "CTESearchClause",
  "CTECycleClause",
  "GroupingSet",
  "ColumnDef",
  // values and references
  "A_Const",
  "String",
  "Integer",
  "Float",
  "Boolean",
  "BitString",
  "List",
  "ParamRef",
  "ColumnRef",
  "A_Star",
  "A_Indirection",
  "A_Indices",
  "A_ArrayExpr",
  "RowExpr",
  "CollateClause",
  // expressions
  "A_Expr",
  "BoolExpr",
  "NullTest",
  "BooleanTest",
  "TypeCast",
  "FuncCall",
  "NamedArgExpr",
  "CaseExpr",
  "CaseWhen",
  "CoalesceExpr",
  "MinMaxExpr",
  "SubLink",
  "SQLValueFunction",
  "GroupingFunc",
  // SQL/JSON constructors and predicates (pure; Postgres 16+ only, older servers refuse them)
  "JsonIsPredicate",
  "JsonValueExpr",
  "JsonFormat",
  "JsonOutput",
  "JsonReturning",
  "JsonKeyValue",
  "JsonObjectConstructor",
  "JsonArrayConstructor",
  "JsonArrayQueryConstructor",
  "JsonAggConstructor",
  "JsonObjectAgg",
  "JsonArrayAgg",
  "JsonFuncExpr",
  "JsonBehavior",
  "JsonArgument",
  "JsonScalarExpr",
  "JsonSerializeExpr",
  "JsonParseExpr",
]);

/** What to call a refused node in an error message, when its tag is not self-explanatory. */
export const NODE_LABELS: Readonly<Record<string, string>> = {
  XmlExpr: "An XML expression",
  XmlSerialize: "XMLSERIALIZE",
  RangeTableFunc: "XMLTABLE",
  JsonTable: "JSON_TABLE",
  RangeTableSample: "TABLESAMPLE",
  SetToDefault: "DEFAULT",
  CurrentOfExpr: "WHERE CURRENT OF",
  MergeSupportFunc: "MERGE_ACTION()",
  LockingClause: "FOR UPDATE/SHARE",
  IntoClause: "SELECT ... INTO",
};

/**
 * Every operator name Postgres defines in pg_catalog (`SELECT DISTINCT oprname FROM pg_operator`
 * on PostgreSQL 15), none of which has side effects. Operators outside this list can only be
 * user-defined, and a user-defined operator runs an arbitrary function.
 */
export const ALLOWED_OPERATORS: ReadonlySet<string> = new Set(
  (
    "!! !~ !~* !~~ !~~* # ## #- #> #>> % & && &< &<| &> * *< *<= *<> *= *> *>= + - -> ->> -|- / < <-> " +
    "<< <<= <<| <= <> <@ <^ = > >= >> >>= >^ ? ?# ?& ?- ?-| ?| ?|| @ @-@ @> @? @@ @@@ ^ ^@ | |&> |/ " +
    "|>> || ||/ ~ ~* ~<=~ ~<~ ~= ~>=~ ~>~ ~~ ~~*"
  ).split(" "),
);

/**
 * Cast targets (`x::type`, `CAST(x AS type)`, `type 'literal'`, column definition lists), as the
 * parser spells them (`integer` becomes `pg_catalog.int4`). Built-in types only: casting to a
 * user-defined type runs its input function, and the reg* types (`'pg_authid'::regclass`) probe
 * the system catalogs. `xml` is out because parsing XML is a classic attack surface.
 */
export const ALLOWED_CAST_TYPES: ReadonlySet<string> = new Set([
  "bool",
  "boolean",
  "int2",
  "int4",
  "int8",
  "smallint",
  "integer",
  "bigint",
  "numeric",
  "decimal",
  "float4",
  "float8",
  "real",
  "money",
  "text",
  "varchar",
  "bpchar",
  "char",
  "name",
  "uuid",
  "json",
  "jsonb",
  "jsonpath",
  "bytea",
  "date",
  "time",
  "timetz",
  "timestamp",
  "timestamptz",
  "interval",
  "inet",
  "cidr",
  "macaddr",
  "tsvector",
  "tsquery",
  "regconfig", // text-search configuration names ('english'), needed by to_tsvector(config, text)
]);

/** Extra cast targets Redshift has and Postgres does not. */
export const REDSHIFT_CAST_TYPES: ReadonlySet<string> = new Set(["super", "varbyte"]);

/**
 * SQL value functions (keywords that read like columns). The clock ones are fine; the others
 * (current_user, session_user, user, current_role, current_catalog, current_schema) tell an
 * attacker who and where the agent is connected as.
 */
export const ALLOWED_SQL_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  "SVFOP_CURRENT_DATE",
  "SVFOP_CURRENT_TIME",
  "SVFOP_CURRENT_TIME_N",
  "SVFOP_CURRENT_TIMESTAMP",
  "SVFOP_CURRENT_TIMESTAMP_N",
  "SVFOP_LOCALTIME",
  "SVFOP_LOCALTIME_N",
  "SVFOP_LOCALTIMESTAMP",
  "SVFOP_LOCALTIMESTAMP_N",
]);

/** The SQL keyword a statement node stands for, for "only SELECT is allowed (got DELETE)". */
export function statementLabel(nodeType: string, body: unknown): string {
  const special: Record<string, string> = {
    VariableSetStmt: "SET",
    VariableShowStmt: "SHOW",
    DoStmt: "DO",
    ExplainStmt: "EXPLAIN",
    CreateTableAsStmt: "CREATE TABLE AS",
    DeclareCursorStmt: "DECLARE CURSOR",
    ClosePortalStmt: "CLOSE",
    CheckPointStmt: "CHECKPOINT",
    RefreshMatViewStmt: "REFRESH MATERIALIZED VIEW",
    AlterSystemStmt: "ALTER SYSTEM",
  };
  if (
    nodeType === "VariableSetStmt" &&
    String((body as { kind?: string } | null)?.kind).startsWith("VAR_RESET")
  )
    return "RESET";
  if (nodeType === "TransactionStmt") {
    const kind = (body as { kind?: string } | null)?.kind ?? "";
    return kind.replace(/^TRANS_STMT_/, "").replace(/_/g, " ") || "a transaction statement";
  }
  if (special[nodeType]) return special[nodeType];
  // InsertStmt → INSERT, CreateFunctionStmt → CREATE FUNCTION, DropStmt → DROP
  return nodeType
    .replace(/Stmt$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toUpperCase();
}
