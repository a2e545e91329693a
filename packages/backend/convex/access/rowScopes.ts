import type { Connector, JsonValue, Row, TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "./policies";

/*
 * The scope of each ingested row: `public`, or `customer:<owner key>` where the owner key is the value
 * that identifies the customer (e.g. the e-mail, lowercased), reached by following the policy's owner
 * path with parameterized lookups. A row whose owner cannot be found gets no scope and is not indexed.
 */

export const PUBLIC_SCOPE = "public";

export function customerScope(ownerKey: string): string {
  return `customer:${normalizeOwnerKey(ownerKey)}`;
}

export function normalizeOwnerKey(value: string): string {
  return value.trim().toLowerCase();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function asKey(value: JsonValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null; // objects, arrays and binary never identify a customer
}

/** For each row (same order), its scope, or null when the owner could not be resolved. */
export async function scopesOf(
  connector: Connector,
  catalog: TableInfo[],
  rows: Row[],
  policy: AccessPolicy,
  timeoutMs: number,
): Promise<(string | null)[]> {
  if (policy.kind === "public") return rows.map(() => PUBLIC_SCOPE);
  if (policy.kind === "private") return rows.map(() => null);
  const owners = await ownerScopesOf(connector, catalog, rows, policy, timeoutMs);
  // A staff-only row (an internal note) gets no scope: it is never indexed where a customer could find it.
  const hidden = policy.hiddenWhen;
  return hidden === undefined
    ? owners
    : owners.map((scope, i) => (rows[i]?.[hidden] === true ? null : scope));
}

async function ownerScopesOf(
  connector: Connector,
  catalog: TableInfo[],
  rows: Row[],
  policy: Extract<AccessPolicy, { kind: "customer" }>,
  timeoutMs: number,
): Promise<(string | null)[]> {
  const [first, ...rest] = policy.ownerPath;
  if (first === undefined) {
    return rows.map((row) => {
      const owner = asKey(row[policy.ownerColumn]);
      return owner === null ? null : customerScope(owner);
    });
  }
  // Walk the path: value in this table → value of the next column in the referenced table.
  let current = new Map<string, string | null>(
    rows.map((row) => asKey(row[first.column])).flatMap((k) => (k === null ? [] : [[k, k]])),
  );
  const steps = [first, ...rest];
  for (const [index, step] of steps.entries()) {
    const nextColumn = steps[index + 1]?.column ?? policy.ownerColumn;
    const wanted = [...new Set([...current.values()].filter((value): value is string => value !== null))];
    const target = catalog.find(
      (t) => t.schema === step.references.schema && t.name === step.references.table,
    );
    const keyType = target?.columns.find((c) => c.name === step.references.column)?.nativeType;
    const found = await selectByKeys(
      connector,
      step.references,
      { name: step.references.column, nativeType: keyType },
      [nextColumn],
      wanted,
      timeoutMs,
    );
    current = new Map(
      [...current].map(([start, value]) => [
        start,
        value === null ? null : asKey(found.get(value)?.[nextColumn] ?? null),
      ]),
    );
  }
  return rows.map((row) => {
    const start = asKey(row[first.column]);
    const owner = start === null ? null : (current.get(start) ?? null);
    return owner === null ? null : customerScope(owner);
  });
}

const LOOKUP_CHUNK = 500;
/** Type names from the catalog that may be written into a CAST as they are (e.g. int8, uuid, character varying(40)). */
const SAFE_TYPE = /^[a-z][a-z0-9_ ]*(\(\d+(,\s*\d+)?\))?$/;

/**
 * `SELECT key, columns... FROM table WHERE key IN ($1, ...)`, in chunks of bound parameters only; every
 * value comes back as text. Keyed by the key's text; the key column should be unique (a primary key or
 * a foreign key's target), as every owner-path step and foreign key is.
 */
export async function selectByKeys(
  connector: Connector,
  table: { schema: string; table: string },
  keyColumn: { name: string; nativeType: string | undefined },
  columns: string[],
  keys: string[],
  timeoutMs: number,
): Promise<Map<string, Row>> {
  const result = new Map<string, Row>();
  // Parameters are cast to the key's own type so the key's index is used (all parameters travel as text).
  const cast =
    keyColumn.nativeType !== undefined && SAFE_TYPE.test(keyColumn.nativeType)
      ? keyColumn.nativeType
      : "text";
  const keyExpression =
    cast === "text" ? `CAST(${quoteIdentifier(keyColumn.name)} AS text)` : quoteIdentifier(keyColumn.name);
  const selected = columns.map((name, i) => `CAST(${quoteIdentifier(name)} AS text) AS "c${i}"`).join(", ");
  for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
    const chunk = keys.slice(start, start + LOOKUP_CHUNK);
    const placeholders = chunk.map((_, i) => `CAST($${i + 1} AS ${cast})`).join(", ");
    const sql =
      `SELECT CAST(${quoteIdentifier(keyColumn.name)} AS text) AS k, ${selected} ` +
      `FROM ${quoteIdentifier(table.schema)}.${quoteIdentifier(table.table)} ` +
      `WHERE ${keyExpression} IN (${placeholders})`;
    const { rows } = await connector.query(sql, chunk, { timeoutMs, maxRows: 1000 });
    for (const row of rows) {
      const key = asKey(row.k);
      if (key === null) continue;
      result.set(key, Object.fromEntries(columns.map((name, i) => [name, row[`c${i}`] ?? null])));
    }
  }
  return result;
}
