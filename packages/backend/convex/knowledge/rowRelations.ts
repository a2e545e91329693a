import type { Connector, JsonValue, Row, TableInfo } from "@answerbase/connectors";
import type { AccessPolicy } from "../access/policies";
import { withoutHiddenColumns } from "../access/hiddenColumns";
import { scopesOf, selectByKeys } from "../access/rowScopes";

/*
 * Lines such as `customer: Alice Example` or `product: Wireless Earbuds` for a row's text, read from the
 * rows its foreign keys point to, so that a question naming the customer or the product finds the row.
 * One parameterized `IN (...)` lookup per foreign key and batch. A line never crosses a scope: it comes
 * from a public table, or from a customer table row owned by the same customer as the row itself;
 * private tables are never read, and a public row never carries customer data.
 */

/** Foreign keys followed per table: enough for the usual order → customer, line → product. */
const MAX_RELATIONS = 4;
/** Longer related values are cut: they name the row, they do not repeat it. */
const MAX_VALUE = 200;
/** Columns that name a row, in order of preference (compared lowercased, without `_`). */
const LABELS = ["name", "fullname", "displayname", "title", "label", "ordernumber", "number", "sku", "code"];
const TEXTUAL = new Set(["text", "integer", "bigint", "decimal", "uuid", "other"]);

function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The column that best names a row of `table`: a known label, else any `...name` column; null if none. */
export function labelColumn(table: TableInfo): string | null {
  const candidates = table.columns.filter((c) => TEXTUAL.has(c.type));
  for (const label of LABELS) {
    const found = candidates.find((c) => normalized(c.name) === label);
    if (found !== undefined) return found.name;
  }
  return candidates.find((c) => c.type === "text" && normalized(c.name).endsWith("name"))?.name ?? null;
}

/** `customer_id` → `customer`; a column without an `_id` suffix is named by the table it points to. */
function relationName(column: string, target: string): string {
  const stripped = column.replace(/(_id|_ID|Id)$/, "");
  return stripped.length > 0 && stripped !== column ? stripped : target;
}

function asText(value: JsonValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The policy of every table that may be shared (`schema.table` → policy); others are private. */
export type SharedPolicies = Map<string, AccessPolicy>;

/** For each row (same order), its related lines; rows without a scope get none. */
export async function relatedLines(
  connector: Connector,
  catalog: TableInfo[],
  table: TableInfo,
  rows: Row[],
  scopes: (string | null)[],
  policies: SharedPolicies,
  timeoutMs: number,
): Promise<string[][]> {
  const lines = rows.map((): string[] => []);
  const relations = table.foreignKeys.filter((fk) => fk.columns.length === 1).slice(0, MAX_RELATIONS);
  for (const fk of relations) {
    const column = fk.columns[0]!;
    const label = `${fk.references.schema}.${fk.references.name}`;
    const policy = policies.get(label);
    const target = catalog.find((t) => t.schema === fk.references.schema && t.name === fk.references.name);
    // The column that names the target row, among its visible columns only.
    const display =
      target === undefined || policy === undefined ? null : labelColumn(withoutHiddenColumns(target, policy));
    if (policy === undefined || policy.kind === "private" || target === undefined || display === null)
      continue;
    const keyColumn = fk.references.columns[0]!;
    const wanted = [
      ...new Set(rows.flatMap((row, i) => (scopes[i] === null ? [] : [asText(row[column])]))),
    ].filter((key): key is string => key !== null);
    if (wanted.length === 0) continue;
    // A customer table's rows also need what decides their owner (the path's first column).
    const ownerColumn =
      policy.kind === "customer" ? (policy.ownerPath[0]?.column ?? policy.ownerColumn) : null;
    const columns = ownerColumn === null || ownerColumn === display ? [display] : [display, ownerColumn];
    const found = await selectByKeys(
      connector,
      { schema: target.schema, table: target.name },
      { name: keyColumn, nativeType: target.columns.find((c) => c.name === keyColumn)?.nativeType },
      columns,
      wanted,
      timeoutMs,
    );
    const keys = [...found.keys()];
    const targetRows = keys.map((key) => found.get(key)!);
    const targetScopes = await scopesOf(connector, catalog, targetRows, policy, timeoutMs);
    const scopeOf = new Map(keys.map((key, i) => [key, targetScopes[i] ?? null]));
    const name = relationName(column, target.name);
    rows.forEach((row, i) => {
      const key = asText(row[column]);
      const related = key === null ? undefined : found.get(key);
      const value = asText(related?.[display]);
      if (key === null || value === null || value === "" || scopes[i] === null) return;
      if (policy.kind === "customer" && scopeOf.get(key) !== scopes[i]) return;
      lines[i]!.push(`${name}: ${value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value}`);
    });
  }
  return lines;
}
