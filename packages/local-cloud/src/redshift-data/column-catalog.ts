import type pg from "pg";
import { queryRaw } from "../postgres/postgres-backend.ts";
import { columnMetadata, hasKnownTypeName, type ColumnMetadata, type ColumnSource } from "./result-fields.ts";

/** A connection a statement runs on: a pooled client, or a Data API session's own client. */
export type DatabaseSession = pg.PoolClient | pg.Client;

/**
 * Builds ColumnMetadata for a result, asking the catalog (on the statement's own session) which table
 * each column comes from, whether it is NOT NULL, and the names of types Redshift has no name for.
 */
export async function describeColumns(
  client: DatabaseSession,
  fields: pg.FieldDef[],
): Promise<ColumnMetadata[]> {
  // One after the other: a pg client runs one query at a time anyway.
  const sources = await columnSources(client, fields);
  const typeNames = await unknownTypeNames(client, fields);
  return fields.map((field) =>
    columnMetadata(
      field,
      typeNames.get(field.dataTypeID) ?? "unknown",
      sources.get(`${field.tableID}:${field.columnID}`),
    ),
  );
}

async function columnSources(
  client: DatabaseSession,
  fields: pg.FieldDef[],
): Promise<Map<string, ColumnSource>> {
  const fromTables = fields.filter((field) => field.tableID !== 0 && field.columnID > 0);
  const sources = new Map<string, ColumnSource>();
  if (fromTables.length === 0) return sources;
  const { rows } = await queryRaw(
    client,
    `SELECT a.attrelid, a.attnum, n.nspname, c.relname, a.attnotnull
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`,
    [fromTables.map((field) => field.tableID), fromTables.map((field) => field.columnID)],
  );
  for (const [relid, attnum, schemaName, tableName, notNull] of rows) {
    sources.set(`${relid}:${attnum}`, {
      schemaName: schemaName ?? "",
      tableName: tableName ?? "",
      notNull: notNull === "t",
    });
  }
  return sources;
}

async function unknownTypeNames(
  client: DatabaseSession,
  fields: pg.FieldDef[],
): Promise<Map<number, string>> {
  const oids = [...new Set(fields.map((field) => field.dataTypeID).filter((oid) => !hasKnownTypeName(oid)))];
  const names = new Map<number, string>();
  if (oids.length === 0) return names;
  const { rows } = await queryRaw(
    client,
    "SELECT oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])",
    [oids],
  );
  for (const [oid, typname] of rows) names.set(Number(oid), typname ?? "unknown");
  return names;
}
