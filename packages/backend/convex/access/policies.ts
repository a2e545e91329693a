import type { TableInfo } from "@answerbase/connectors";
import type { Infer } from "convex/values";
import type { vAccessPolicy } from "../dataSources/tables";

/*
 * Suggested access policies, computed from names and foreign keys only (never from row values).
 * A suggestion is a starting point an admin confirms: until then every table is private.
 */

export type AccessPolicy = Infer<typeof vAccessPolicy>;
export type OwnerStep = Extract<AccessPolicy, { kind: "customer" }>["ownerPath"][number];

export interface PolicySuggestion {
  policy: AccessPolicy;
  /** One sentence an admin can check, e.g. "orders.customer_id → customers.id → customers.email". */
  reason: string;
}

export const DEFAULT_POLICY: AccessPolicy = { kind: "private" };

const CUSTOMER_TABLE = /^(customers?|users?|accounts?|clients?|contacts?|members?|patients?|guests?)$/;
const IDENTITY_COLUMN = /^(customer_|user_|contact_)?(e_?mail)(_address)?$/;
const CUSTOMER_KEY_COLUMN = /^(customer|user|account|client|contact|member|patient)_id$/;
const PUBLIC_TABLE =
  /^(products?|product_\w+|categor(y|ies)|faqs?|(store|opening)_hours|\w*locations?|stores?|plans?|pricing|shipping_methods?|brands?|services?|articles?)$/;
/*
 * Name hints, matched against whole words of the snake_case name (`staff_notes` → staff, notes), never
 * inside other words (`catalog` is not a log, `footnotes` not a note).
 * Staff-only hints win over an owner path: a table of remarks about a customer links to that customer,
 * yet the customer must not read it. Sensitive hints only decide when no owner is found.
 */
const STAFF_ONLY_WORDS = new Set(
  [
    "note notes comment comments remark remarks internal private staff employee employees",
    "audit audits log logs admin admins administrator administrators fraud",
    "secret secrets token tokens password passwords credential credentials session sessions",
    "login logins otp mfa totp",
  ].flatMap((line) => line.split(" ")),
);
const SENSITIVE_WORDS = new Set(["payment", "payments", "card", "cards", "event", "events"]);
const MAX_PATH = 3;

/** `StoreLocations` → `store_locations`, so name rules see one spelling. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

const keyOf = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`;

const wordsOf = (name: string) => snake(name).split(/[^a-z0-9]+/);

/** The first staff-only word of the table's name (or its schema's), e.g. `notes`, or undefined. */
function staffOnlyHint(table: { schema: string; name: string }): { word: string; in: string } | undefined {
  for (const name of [table.name, table.schema]) {
    const word = wordsOf(name).find((w) => STAFF_ONLY_WORDS.has(w));
    if (word !== undefined) return { word, in: name === table.name ? table.name : `schema ${name}` };
  }
  return undefined;
}

function identityColumn(table: TableInfo): string | undefined {
  return table.columns.find((column) => IDENTITY_COLUMN.test(snake(column.name)))?.name;
}

function isCustomerTable(table: TableInfo): boolean {
  return CUSTOMER_TABLE.test(snake(table.name)) && identityColumn(table) !== undefined;
}

type OwnerSearch =
  | { kind: "found"; customer: TableInfo; path: OwnerStep[] }
  | { kind: "none"; staffOnlyVia: TableInfo | undefined };

/**
 * Shortest path of required single-column foreign keys from `start` to a customer table. It never passes
 * through a staff-only table (an attachment of a staff note is as internal as the note); the first one
 * it met is returned as `staffOnlyVia` when no path is left.
 */
function pathToCustomer(start: TableInfo, byKey: Map<string, TableInfo>): OwnerSearch {
  type Visit = { table: TableInfo; path: OwnerStep[] };
  const queue: Visit[] = [{ table: start, path: [] }];
  const seen = new Set([keyOf(start)]);
  let staffOnlyVia: TableInfo | undefined;
  while (queue.length > 0) {
    const { table, path } = queue.shift()!;
    if (path.length > 0 && isCustomerTable(table)) return { kind: "found", customer: table, path };
    if (path.length === MAX_PATH) continue;
    for (const foreignKey of table.foreignKeys) {
      const [column] = foreignKey.columns;
      const [referenced] = foreignKey.references.columns;
      if (foreignKey.columns.length !== 1 || column === undefined || referenced === undefined) continue;
      // A nullable owner column leaves rows without an owner: not a safe customer scope.
      if (table.columns.find((c) => c.name === column)?.nullable !== false) continue;
      const target = byKey.get(keyOf(foreignKey.references));
      if (target === undefined || seen.has(keyOf(target))) continue;
      seen.add(keyOf(target));
      if (staffOnlyHint(target) !== undefined) {
        staffOnlyVia ??= target;
        continue;
      }
      const step = { column, references: { schema: target.schema, table: target.name, column: referenced } };
      queue.push({ table: target, path: [...path, step] });
    }
  }
  return { kind: "none", staffOnlyVia };
}

/** "order_items.order_id → orders.id, orders.customer_id → customers.id, identified by customers.email" */
function describePath(table: TableInfo, path: OwnerStep[], ownerColumn: string): string {
  const hops = path.map((step, index) => {
    const from = index === 0 ? table.name : path[index - 1]!.references.table;
    return `${from}.${step.column} → ${step.references.table}.${step.references.column}`;
  });
  return `${hops.join(", ")}, identified by ${path.at(-1)!.references.table}.${ownerColumn}`;
}

/** Boolean columns that mark a row as staff-only: `is_internal`, `internal`, `is_private`, `staff_only`, ... */
const HIDDEN_FLAG = /^(is_)?(internal|private|hidden|staff_only|internal_only|agent_only)$/;

/** Adds `hiddenWhen` to a customer suggestion when the table has a staff-only flag. */
function withHiddenRows(table: TableInfo, suggestion: PolicySuggestion): PolicySuggestion {
  if (suggestion.policy.kind !== "customer") return suggestion;
  const flag = table.columns.find((c) => c.type === "boolean" && HIDDEN_FLAG.test(snake(c.name)));
  if (flag === undefined) return suggestion;
  return {
    policy: { ...suggestion.policy, hiddenWhen: flag.name },
    reason: `${suggestion.reason}; rows with ${table.name}.${flag.name} = true stay hidden from customers`,
  };
}

/*
 * Columns no customer answer needs and nobody should read out of a chat: identity documents, tax and
 * insurance numbers, bank and card details, dates of birth, credentials. Matched on whole snake_case
 * words of the column name (`national_id`, `insurance_number`, `iban`, `date_of_birth`, `password_hash`).
 */
const SENSITIVE_COLUMN =
  /^(national_id(_number)?|ssn|social_security(_number)?|sin|nino|tax_id|tin|vat_id|passport(_number|_no)?|id_card(_number)?|drivers?_licen[cs]e(_number)?|insurance_(number|no|id)|health_insurance_\w+|policy_number|iban|bic|swift|bank_account(_number)?|account_number|routing_number|sort_code|card_number|pan|cvv|cvc|card_cvv|date_of_birth|birth_date|birthdate|dob|birthday|password|password_hash|passwd|pwd_hash|hashed_password|salt|api_key|secret|access_token|refresh_token|auth_token|reset_token|otp_secret|totp_secret|mfa_secret)$/;

/** The sensitive columns of a shared table, minus those the policy needs to find a row's owner. */
function sensitiveColumns(table: TableInfo, policy: AccessPolicy): string[] {
  const needed = new Set(
    policy.kind === "customer"
      ? [policy.ownerPath[0]?.column ?? policy.ownerColumn, policy.hiddenWhen, ...table.primaryKey]
      : table.primaryKey,
  );
  return table.columns
    .filter((column) => isSensitive(column) && !needed.has(column.name))
    .map((column) => column.name);
}

/**
 * Names the whole-name list misses (`id_document_number`, `customer_passport_no`, `iban_masked`) and
 * comments that say what a column holds ("Passport number, for visa checks").
 */
const SENSITIVE_NAME_PARTS =
  /(^|_)(passport|ssn|iban|nino|dob|cvv|cvc|birth)(_|$)|(^|_)(national|identity|id)_(id|document|card|number|no)(_|$)|(^|_)document_(number|no)(_|$)|(^|_)(password|passwd)|(_|^)(secret|token)$/;
const SENSITIVE_COMMENT =
  /\b(passport|national insurance|social security|identity (card|document)|id (card|document)|date of birth|iban|bank account|card number)\b/i;

function isSensitive(column: { name: string; comment: string | null }): boolean {
  const name = snake(column.name);
  return (
    SENSITIVE_COLUMN.test(name) ||
    SENSITIVE_NAME_PARTS.test(name) ||
    (column.comment !== null && SENSITIVE_COMMENT.test(column.comment))
  );
}

/** Adds `hiddenColumns` to a shared table's suggestion when it has sensitive columns. */
function withHiddenColumns(table: TableInfo, suggestion: PolicySuggestion): PolicySuggestion {
  if (suggestion.policy.kind === "private") return suggestion;
  const hidden = sensitiveColumns(table, suggestion.policy);
  if (hidden.length === 0) return suggestion;
  return {
    policy: { ...suggestion.policy, hiddenColumns: hidden },
    reason: `${suggestion.reason}; ${hidden.join(", ")} stay hidden (sensitive: never shown, searched or given to the assistant)`,
  };
}

export function suggestPolicy(table: TableInfo, catalog: TableInfo[]): PolicySuggestion {
  return withHiddenColumns(table, withHiddenRows(table, suggestOwner(table, catalog)));
}

function suggestOwner(table: TableInfo, catalog: TableInfo[]): PolicySuggestion {
  const byKey = new Map(catalog.map((t) => [keyOf(t), t]));
  const name = snake(table.name);
  const ownIdentity = identityColumn(table);
  const staffOnly = staffOnlyHint(table);
  if (staffOnly !== undefined) {
    const found = pathToCustomer(table, byKey);
    const linked =
      found.kind === "found"
        ? `, even though its rows link to a customer (${describePath(table, found.path, identityColumn(found.customer)!)}); choose customer only if every row is meant for that customer to read`
        : "";
    return {
      policy: DEFAULT_POLICY,
      reason: `"${staffOnly.word}" in ${staffOnly.in} suggests staff-only data, so it stays private${linked}`,
    };
  }
  if (isCustomerTable(table) && ownIdentity !== undefined) {
    return {
      policy: { kind: "customer", ownerPath: [], ownerColumn: ownIdentity },
      reason: `each row is one customer, identified by ${table.name}.${ownIdentity}`,
    };
  }
  const found = pathToCustomer(table, byKey);
  if (found.kind === "found") {
    const ownerColumn = identityColumn(found.customer)!;
    return {
      policy: { kind: "customer", ownerPath: found.path, ownerColumn },
      reason: `rows belong to a customer: ${describePath(table, found.path, ownerColumn)}`,
    };
  }
  if (found.staffOnlyVia !== undefined) {
    const via = found.staffOnlyVia;
    return {
      policy: DEFAULT_POLICY,
      reason: `rows link to ${via.name}, which looks staff-only ("${staffOnlyHint(via)!.word}"), so they stay private too`,
    };
  }
  const customerKey = table.columns.find((c) => CUSTOMER_KEY_COLUMN.test(snake(c.name)) && !c.nullable);
  const customers = catalog.find((t) => isCustomerTable(t) && t.primaryKey.length === 1);
  if (customerKey !== undefined && customers !== undefined) {
    const ownerColumn = identityColumn(customers)!;
    const step = {
      column: customerKey.name,
      references: { schema: customers.schema, table: customers.name, column: customers.primaryKey[0]! },
    };
    return {
      policy: { kind: "customer", ownerPath: [step], ownerColumn },
      reason: `${table.name}.${customerKey.name} looks like ${customers.name}.${step.references.column} (no foreign key declared; check it)`,
    };
  }
  const sensitive = wordsOf(name).find((w) => SENSITIVE_WORDS.has(w));
  if (sensitive !== undefined) {
    return {
      policy: DEFAULT_POLICY,
      reason: `"${sensitive}" in ${table.name} suggests sensitive data and no owner was found`,
    };
  }
  if (ownIdentity !== undefined) {
    return {
      policy: { kind: "customer", ownerPath: [], ownerColumn: ownIdentity },
      reason: `rows carry the customer's e-mail in ${table.name}.${ownIdentity}`,
    };
  }
  if (PUBLIC_TABLE.test(name)) {
    return { policy: { kind: "public" }, reason: "looks like catalog or store information anyone may see" };
  }
  return { policy: DEFAULT_POLICY, reason: "no owner column found; private until you choose" };
}
