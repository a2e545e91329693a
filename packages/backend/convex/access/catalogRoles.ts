import type { TableInfo } from "@answerbase/connectors";
import type { Infer } from "convex/values";
import type { vOwnerStep } from "../dataSources/tables";
import { identityColumn, keyOf, snake, staffOnlyHint, wordsOf } from "./tableNames";

/*
 * What the tables of one catalog are to each other, from names, comments and foreign keys (never row
 * values): which table holds the customers, the path from any table to it, and which tables are
 * reference data — what customers' rows point at (a plan, a tour, a tutor) rather than whose they are.
 * Computed once per catalog listing.
 */

const CUSTOMER_TABLE = /^(customers?|users?|accounts?|clients?|contacts?|members?|patients?|guests?)$/;
/** A table or e-mail comment that says the e-mail is how this person signs in. */
const SIGN_IN_COMMENT = /\b(log ?in|sign[- ]?in|portal|account holders?|customers?)\b/i;
export const SENSITIVE_WORDS = new Set(["payment", "payments", "card", "cards", "event", "events"]);
/** Columns that say a row is about one person's whereabouts: a table with them is never reference data. */
const PERSONAL_COLUMN =
  /(^|_)(address|street|postcode|postal_code|zip|zipcode|line1|line_1|house_number)(_|$)/;
const MAX_PATH = 3;

export type OwnerStep = Infer<typeof vOwnerStep>;

interface Roles {
  byKey: Map<string, TableInfo>;
  customers: Set<string>;
  reference?: Map<string, string>;
}
const rolesByCatalog = new WeakMap<TableInfo[], Roles>();

function rolesOf(catalog: TableInfo[]): Roles {
  let roles = rolesByCatalog.get(catalog);
  if (roles === undefined) {
    roles = { byKey: new Map(catalog.map((t) => [keyOf(t), t])), customers: customerTables(catalog) };
    rolesByCatalog.set(catalog, roles);
  }
  return roles;
}

/** Single-column foreign keys, with whether the referencing column is required. */
function* foreignKeysOf(table: TableInfo) {
  for (const foreignKey of table.foreignKeys) {
    const [column] = foreignKey.columns;
    const [referenced] = foreignKey.references.columns;
    if (foreignKey.columns.length !== 1 || column === undefined || referenced === undefined) continue;
    const required = table.columns.find((c) => c.name === column)?.nullable === false;
    yield { column, referenced, target: keyOf(foreignKey.references), required };
  }
}

/**
 * The customer tables: those named like one (`customers`, `patients`, ...) with an e-mail; when no table
 * is, the one e-mail table other tables depend on most (`subscribers`, `guardians`, `account_holders`),
 * a comment about signing in counting most. A tie means no customer table: every row stays private
 * rather than scoped to the wrong people.
 */
function customerTables(catalog: TableInfo[]): Set<string> {
  const people = catalog.filter(
    (t) =>
      identityColumn(t) !== undefined &&
      staffOnlyHint(t) === undefined &&
      !wordsOf(t.name).some((w) => SENSITIVE_WORDS.has(w)),
  );
  const named = people.filter((t) => CUSTOMER_TABLE.test(snake(t.name)));
  if (named.length > 0) return new Set(named.map(keyOf));
  const dependents = new Map<string, number>();
  for (const table of catalog) {
    if (staffOnlyHint(table) !== undefined) continue;
    for (const fk of foreignKeysOf(table))
      if (fk.required && fk.target !== keyOf(table))
        dependents.set(fk.target, (dependents.get(fk.target) ?? 0) + 1);
  }
  const score = (t: TableInfo) => {
    const email = t.columns.find((c) => c.name === identityColumn(t));
    const signsIn = [t.comment, email?.comment].some(
      (c) => c !== null && c !== undefined && SIGN_IN_COMMENT.test(c),
    );
    return (signsIn ? 1000 : 0) + (dependents.get(keyOf(t)) ?? 0);
  };
  const ranked = people
    .filter((t) => (dependents.get(keyOf(t)) ?? 0) > 0)
    .sort((a, b) => score(b) - score(a));
  const [best, second] = ranked;
  if (best === undefined || (second !== undefined && score(second) === score(best))) return new Set();
  return new Set([keyOf(best)]);
}

export function isCustomerTable(table: TableInfo, catalog: TableInfo[]): boolean {
  return rolesOf(catalog).customers.has(keyOf(table));
}

/** Any customer table of the catalog with a one-column primary key (for an undeclared `customer_id`). */
export function customerTableOf(catalog: TableInfo[]): TableInfo | undefined {
  const roles = rolesOf(catalog);
  return [...roles.customers].map((key) => roles.byKey.get(key)!).find((t) => t.primaryKey.length === 1);
}

export type OwnerSearch =
  | { kind: "found"; customer: TableInfo; path: OwnerStep[] }
  | { kind: "none"; staffOnlyVia: TableInfo | undefined };

/**
 * Shortest path of required single-column foreign keys from `start` to a customer table. It never passes
 * through a staff-only table (an attachment of a staff note is as internal as the note); the first one
 * it met is returned as `staffOnlyVia` when no path is left.
 */
export function pathToCustomer(start: TableInfo, catalog: TableInfo[]): OwnerSearch {
  const { byKey, customers } = rolesOf(catalog);
  type Visit = { table: TableInfo; path: OwnerStep[] };
  const queue: Visit[] = [{ table: start, path: [] }];
  const seen = new Set([keyOf(start)]);
  let staffOnlyVia: TableInfo | undefined;
  while (queue.length > 0) {
    const { table, path } = queue.shift()!;
    if (path.length > 0 && customers.has(keyOf(table))) return { kind: "found", customer: table, path };
    if (path.length === MAX_PATH) continue;
    for (const fk of foreignKeysOf(table)) {
      // A nullable owner column leaves rows without an owner: not a safe customer scope.
      if (!fk.required) continue;
      const target = byKey.get(fk.target);
      if (target === undefined || seen.has(fk.target)) continue;
      seen.add(fk.target);
      if (staffOnlyHint(target) !== undefined) {
        staffOnlyVia ??= target;
        continue;
      }
      const step = {
        column: fk.column,
        references: { schema: target.schema, table: target.name, column: fk.referenced },
      };
      queue.push({ table: target, path: [...path, step] });
    }
  }
  return { kind: "none", staffOnlyVia };
}

/**
 * Reference data: tables the customers' own rows point at (directly, or through other reference data),
 * that belong to no customer and hold nothing personal — `bookings.departure_id → departures`,
 * `departures.tour_id → tours`. Maps each to the first reference found ("bookings.departure_id"), for the
 * suggestion's reason.
 */
export function referenceData(catalog: TableInfo[]): Map<string, string> {
  const roles = rolesOf(catalog);
  if (roles.reference !== undefined) return roles.reference;
  const owned = catalog.filter(
    (t) =>
      staffOnlyHint(t) === undefined &&
      (roles.customers.has(keyOf(t)) ||
        identityColumn(t) !== undefined ||
        pathToCustomer(t, catalog).kind === "found"),
  );
  const ownedKeys = new Set(owned.map(keyOf));
  const reference = new Map<string, string>();
  const queue = [...owned];
  while (queue.length > 0) {
    const table = queue.shift()!;
    for (const fk of foreignKeysOf(table)) {
      const target = roles.byKey.get(fk.target);
      if (target === undefined || ownedKeys.has(fk.target) || reference.has(fk.target)) continue;
      if (!mayBeReference(target)) continue;
      reference.set(fk.target, `${table.name}.${fk.column}`);
      queue.push(target);
    }
  }
  roles.reference = reference;
  return reference;
}

function mayBeReference(table: TableInfo): boolean {
  return (
    staffOnlyHint(table) === undefined &&
    identityColumn(table) === undefined &&
    !wordsOf(table.name).some((w) => SENSITIVE_WORDS.has(w)) &&
    !table.columns.some((c) => PERSONAL_COLUMN.test(snake(c.name)))
  );
}
