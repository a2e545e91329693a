import type { Catalog, ColumnInfo, ForeignKey, TableInfo } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecutedStatement } from "../core/sql-executor.ts";
import { columnTypeOf, type JsonValue } from "../core/values.ts";

const KINDS: Record<string, TableInfo["kind"]> = {
  "BASE TABLE": "table",
  VIEW: "view",
  FOREIGN: "foreign_table",
  "FOREIGN TABLE": "foreign_table",
};

/** One flat row of REDSHIFT_CATALOG_QUERY, read by column name. */
type Entry = (column: string) => JsonValue;

/** A text column's value ("" for NULL, which only the optional columns hold). */
const text = (get: Entry, column: string): string => {
  const value = get(column);
  return typeof value === "string" ? value : "";
};

interface KeyPart {
  constraint: string;
  position: number;
  column: string;
  ref?: { schema: string; table: string; column: string };
}

/**
 * Assembles the flat rows of REDSHIFT_CATALOG_QUERY (catalog-query.ts) into a Catalog: tables in
 * (schema, name) order, columns by ordinal, keys by key position. `estimatedRows` stays null here
 * (estimated-rows.ts fills it in). A row of an unknown shape means the query and this parser
 * disagree: a bug, reported as `internal`.
 */
export function parseRedshiftCatalog(result: ExecutedStatement): Catalog {
  const index = new Map(result.columns.map((column, i) => [column.name, i]));
  if (!index.has("entry") || !index.has("schema_name") || !index.has("table_name")) {
    throw new ConnectorError("internal", "The Redshift catalog query returned an unexpected result.");
  }
  const tables = new Map<string, TableInfo>();
  const columns = new Map<string, ColumnInfo[]>();
  const primaryKeys = new Map<string, KeyPart[]>();
  const foreignKeys = new Map<string, KeyPart[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) =>
    map.set(key, [...(map.get(key) ?? []), value]);

  for (const row of result.rows) {
    const get: Entry = (column) => row[index.get(column) ?? -1] ?? null;
    const schema = text(get, "schema_name");
    const name = text(get, "table_name");
    const key = JSON.stringify([schema, name]);
    switch (get("entry")) {
      case "table": {
        const kind = KINDS[text(get, "detail")];
        if (kind) {
          tables.set(key, {
            schema,
            name,
            kind,
            comment: textOrNull(get("remarks")),
            estimatedRows: null,
            columns: [],
            primaryKey: [],
            foreignKeys: [],
          });
        }
        break;
      }
      case "column":
        push(columns, key, toColumnInfo(get));
        break;
      case "primary_key":
        push(primaryKeys, key, toKeyPart(get));
        break;
      case "foreign_key":
        push(foreignKeys, key, {
          ...toKeyPart(get),
          ref: {
            schema: text(get, "ref_schema"),
            table: text(get, "ref_table"),
            column: text(get, "ref_column"),
          },
        });
        break;
      default:
        throw new ConnectorError("internal", "The Redshift catalog query returned an unexpected entry.");
    }
  }

  for (const [key, table] of tables) {
    table.columns = (columns.get(key) ?? []).sort((a, b) => a.ordinal - b.ordinal);
    table.primaryKey = (primaryKeys.get(key) ?? [])
      .sort((a, b) => a.position - b.position)
      .map((part) => part.column);
    table.foreignKeys = groupForeignKeys(foreignKeys.get(key) ?? []);
  }
  const ordered = [...tables.values()].sort((a, b) => compare(a.schema, b.schema) || compare(a.name, b.name));
  return { tables: ordered };
}

/** One column of a primary or foreign key: the constraint, the column's place in it, its name. */
function toKeyPart(get: Entry): KeyPart {
  return { constraint: text(get, "detail"), position: Number(get("position")), column: text(get, "item") };
}

/**
 * A column as format_type spells its type (`character varying(20)`, `numeric(12,2)`, `text[]`,
 * `support.ticket_priority`), which the keyset SQL casts cursor values to; a domain is typed by the
 * type it is built on, which decides how its values look.
 */
function toColumnInfo(get: Entry): ColumnInfo {
  const nativeType = text(get, "detail");
  return {
    name: text(get, "item"),
    ordinal: Number(get("position")),
    nativeType,
    type: columnTypeOf(textOrNull(get("type_name")) ?? nativeType),
    nullable: get("is_nullable") !== "NO",
    comment: textOrNull(get("remarks")),
  };
}

function groupForeignKeys(parts: KeyPart[]): ForeignKey[] {
  const byName = new Map<string, KeyPart[]>();
  for (const part of parts) byName.set(part.constraint, [...(byName.get(part.constraint) ?? []), part]);
  return [...byName.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([name, columns]) => {
      const ordered = columns.sort((a, b) => a.position - b.position);
      const ref = ordered[0]?.ref ?? { schema: "", table: "", column: "" };
      return {
        name,
        columns: ordered.map((part) => part.column),
        references: {
          schema: ref.schema,
          name: ref.table,
          columns: ordered.map((part) => part.ref?.column ?? ""),
        },
      };
    });
}

function textOrNull(value: JsonValue): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Code-unit order, like Postgres's C collation for `name`, so every engine lists tables the same way. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
