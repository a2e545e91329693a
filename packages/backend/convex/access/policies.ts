import type { TableInfo } from "@answerbase/connectors";
import type { Infer } from "convex/values";
import type { vAccessPolicy } from "../dataSources/tables";
import {
  customerTableOf,
  isCustomerTable,
  pathToCustomer,
  referenceData,
  SENSITIVE_WORDS,
  type OwnerStep,
} from "./catalogRoles";
import { identityColumn, isSensitive, keyOf, snake, staffOnlyHint, wordsOf } from "./tableNames";

/*
 * Suggested access policies, computed from names and foreign keys only (never from row values).
 * A suggestion is a starting point an admin confirms: until then every table is private.
 */

export type AccessPolicy = Infer<typeof vAccessPolicy>;

export interface PolicySuggestion {
  policy: AccessPolicy;
  /** One sentence an admin can check, e.g. "orders.customer_id → customers.id → customers.email". */
  reason: string;
}

export const DEFAULT_POLICY: AccessPolicy = { kind: "private" };

const CUSTOMER_KEY_COLUMN = /^(customer|user|account|client|contact|member|patient)_id$/;
const PUBLIC_TABLE =
  /^(products?|product_\w+|categor(y|ies)|faqs?|(store|opening)_hours|\w*locations?|stores?|plans?|pricing|shipping_methods?|brands?|services?|articles?)$/;

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

/** The sensitive columns of a shared table, minus those the policy needs to find a row's owner. */
function sensitiveColumns(table: TableInfo, policy: AccessPolicy): string[] {
  const needed = new Set(
    policy.kind === "customer"
      ? [policy.ownerPath[0]?.column ?? policy.ownerColumn, policy.hiddenWhen, ...table.primaryKey]
      : table.primaryKey,
  );
  return table.columns
    .filter((column) => !needed.has(column.name))
    .filter((column) => !isOwnReference(table, column))
    .filter((column) => isSensitive(column) || isStaffOnlyColumn(column, policy.kind === "public"))
    .map((column) => column.name);
}

/**
 * An account's own number (`accounts.account_number`, "ACC-58002") is how the customer quotes that row,
 * not a bank detail: the sensitive name list's `account_number` means a bank account held elsewhere.
 */
function isOwnReference(table: TableInfo, column: { name: string }): boolean {
  const [head] = wordsOf(table.name).slice(-1);
  return (head === "account" || head === "accounts") && /^account_(number|no)$/.test(snake(column.name));
}

/** A table comment that keeps its rows from customers: "Staff only", "never to be read to the customer". */
const STAFF_ONLY_TABLE_COMMENT =
  /\b(staff[- ]only|internal[- ]only|not (for|to be (shared with|read to|shown to)) (the )?customers?|never (to be )?(shown|read|given) to (the )?customers?)\b/i;
/** A column comment that keeps the value from customers: "Internal: never give it to customers". */
const STAFF_ONLY_COMMENT =
  /\b(internal|private|confidential|staff[- ]only|never (give|share|show|tell)|(team|staff|office) only|not for customers)\b/i;
/** On a table anyone may read, a person's own line is not for the public: `mobile_phone`, `personal_email`. */
const PERSONAL_CONTACT_WORDS = new Set(["mobile", "cell", "personal", "private", "home"]);

function isStaffOnlyColumn(column: { name: string; comment: string | null }, isPublic: boolean): boolean {
  if (column.comment !== null && STAFF_ONLY_COMMENT.test(column.comment)) return true;
  return isPublic && wordsOf(column.name).some((word) => PERSONAL_CONTACT_WORDS.has(word));
}

/** Adds `hiddenColumns` to a shared table's suggestion when it has sensitive columns. */
function withHiddenColumns(table: TableInfo, suggestion: PolicySuggestion): PolicySuggestion {
  if (suggestion.policy.kind === "private") return suggestion;
  const hidden = sensitiveColumns(table, suggestion.policy);
  if (hidden.length === 0) return suggestion;
  return {
    policy: { ...suggestion.policy, hiddenColumns: hidden },
    reason: `${suggestion.reason}; ${hidden.join(", ")} stay hidden (sensitive or staff-only: never shown, searched or given to the assistant)`,
  };
}

export function suggestPolicy(table: TableInfo, catalog: TableInfo[]): PolicySuggestion {
  return withHiddenColumns(table, withHiddenRows(table, suggestOwner(table, catalog)));
}

function suggestOwner(table: TableInfo, catalog: TableInfo[]): PolicySuggestion {
  const name = snake(table.name);
  const ownIdentity = identityColumn(table);
  const staffOnly = staffOnlyHint(table);
  if (staffOnly === undefined && table.comment !== null && STAFF_ONLY_TABLE_COMMENT.test(table.comment)) {
    return {
      policy: DEFAULT_POLICY,
      reason: `its comment says staff only ("${table.comment}"), so it stays private`,
    };
  }
  if (staffOnly !== undefined) {
    const found = pathToCustomer(table, catalog);
    const linked =
      found.kind === "found"
        ? `, even though its rows link to a customer (${describePath(table, found.path, identityColumn(found.customer)!)}); choose customer only if every row is meant for that customer to read`
        : "";
    return {
      policy: DEFAULT_POLICY,
      reason: `"${staffOnly.word}" in ${staffOnly.in} suggests staff-only data, so it stays private${linked}`,
    };
  }
  if (isCustomerTable(table, catalog) && ownIdentity !== undefined) {
    return {
      policy: { kind: "customer", ownerPath: [], ownerColumn: ownIdentity },
      reason: `each row is one customer, identified by ${table.name}.${ownIdentity}`,
    };
  }
  const found = pathToCustomer(table, catalog);
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
  const customers = customerTableOf(catalog);
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
  const referencedBy = referenceData(catalog).get(keyOf(table));
  if (referencedBy !== undefined) {
    return {
      policy: { kind: "public" },
      reason: `reference data customers' rows point at (${referencedBy}), with no owner and no personal columns: anyone may see it; check it`,
    };
  }
  return { policy: DEFAULT_POLICY, reason: "no owner column found; private until you choose" };
}
