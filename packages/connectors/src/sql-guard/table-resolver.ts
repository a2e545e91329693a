import type { Catalog, TableInfo, TableRef } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";

/** A table reference as the parser returns it (`RangeVar`): names already case-folded. */
export interface RangeVarName {
  catalogname?: string;
  schemaname?: string;
  relname?: string;
}

/**
 * Turns table names written in a SELECT into catalog tables, the way the server will: qualified
 * names exactly, unqualified ones through the search path. System schemas are refused even if a
 * catalog listed them, so `pg_authid`, `pg_shadow` or `information_schema.tables` never resolve.
 */
export class TableResolver {
  private readonly bySchemaAndName = new Map<string, TableInfo>();
  private readonly byName = new Map<string, TableInfo[]>();

  constructor(
    catalog: Catalog,
    private readonly searchPath: readonly string[],
  ) {
    for (const table of catalog.tables) {
      this.bySchemaAndName.set(key(table), table);
      this.byName.set(table.name, [...(this.byName.get(table.name) ?? []), table]);
    }
  }

  resolve({ catalogname, schemaname, relname }: RangeVarName): TableInfo {
    if (relname === undefined) throw new ConnectorError("rejected_sql", "A table reference has no name.");
    const written = [catalogname, schemaname, relname].filter((part) => part !== undefined).join(".");
    if (catalogname !== undefined) {
      throw new ConnectorError(
        "rejected_sql",
        `Table "${written}" names a database; refer to tables as schema.table or table.`,
      );
    }
    if (schemaname !== undefined) {
      if (isSystemSchema(schemaname)) throw systemTable(written);
      const table = this.bySchemaAndName.get(key({ schema: schemaname, name: relname }));
      if (!table) throw missing(written);
      return table;
    }
    // pg_catalog comes first in every search path, so an unqualified pg_* name may be a system
    // catalog even when the user's schemas also have a table of that name.
    if (relname.startsWith("pg_")) throw systemTable(written);
    const candidates = this.byName.get(relname) ?? [];
    const onPath = this.searchPath.flatMap((schema) => candidates.filter((table) => table.schema === schema));
    const [table] = onPath;
    if (!table) {
      const elsewhere = candidates.map((t) => `${t.schema}.${t.name}`);
      throw missing(written, elsewhere);
    }
    // The server's path starts with "$user": a schema named like the login would win over ours.
    if (candidates.length > 1) {
      const schemas = candidates.map((t) => t.schema).join(", ");
      throw new ConnectorError(
        "rejected_sql",
        `Table "${relname}" exists in several schemas (${schemas}); qualify it, e.g. ${table.schema}.${relname}.`,
      );
    }
    return table;
  }
}

/** Schemas Postgres reserves (pg_catalog, pg_toast, pg_temp_N, ...) and the SQL-standard views. */
export function isSystemSchema(schema: string): boolean {
  return schema.startsWith("pg_") || schema === "information_schema";
}

export function tableKey(table: TableRef): string {
  return key(table);
}

function key(table: TableRef): string {
  return JSON.stringify([table.schema, table.name]);
}

function systemTable(written: string): ConnectorError {
  return new ConnectorError(
    "rejected_sql",
    `System catalog "${written}" is not allowed; only the data source's own tables can be queried.`,
  );
}

/** `not_found`, not `rejected_sql`: the connector reloads its catalog once on this code. */
function missing(written: string, elsewhere: string[] = []): ConnectorError {
  const hint = elsewhere.length > 0 ? ` Did you mean ${elsewhere.join(" or ")}?` : "";
  return new ConnectorError("not_found", `Table "${written}" does not exist in this data source.${hint}`);
}
