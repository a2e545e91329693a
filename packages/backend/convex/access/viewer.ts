import type { TableInfo, TableRef } from "@answerbase/connectors";
import { v, type Infer } from "convex/values";
import { DEFAULT_POLICY, type AccessPolicy } from "./policies";
import { normalizeOwnerKey } from "./rowScopes";

/*
 * Which tables a viewer may read, from the saved policies: an admin every table; a widget contact the
 * public tables, plus the customer tables when their identity is verified (rows are then filtered to
 * them where the SQL is built). A table without a saved policy is private and never read for a contact.
 */

/**
 * Who is asking: a dashboard admin (every table and scope), or a widget visitor (public items, plus
 * their own rows when their identity is verified).
 */
export const vViewer = v.union(
  v.object({ kind: v.literal("admin") }),
  v.object({ kind: v.literal("contact"), verifiedOwnerKey: v.union(v.string(), v.null()) }),
);
export type Viewer = Infer<typeof vViewer>;

/** Policies keyed by `schema.table`. */
export type PolicyMap = ReadonlyMap<string, AccessPolicy>;

export function tableKey(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function policyOf(policies: PolicyMap, table: TableRef): AccessPolicy {
  return policies.get(tableKey(table)) ?? DEFAULT_POLICY;
}

/** The normalized owner key a contact's rows are filtered to, or null when they have none. */
export function verifiedKeyOf(viewer: Viewer): string | null {
  if (viewer.kind !== "contact" || viewer.verifiedOwnerKey === null) return null;
  const key = normalizeOwnerKey(viewer.verifiedOwnerKey);
  return key.length === 0 ? null : key;
}

export function mayRead(policy: AccessPolicy, viewer: Viewer): boolean {
  if (viewer.kind === "admin") return true;
  if (policy.kind === "public") return true;
  return policy.kind === "customer" && verifiedKeyOf(viewer) !== null;
}

/** The catalog tables the viewer may read, with their policies. */
export function readableTables(
  catalog: readonly TableInfo[],
  policies: PolicyMap,
  viewer: Viewer,
): { table: TableInfo; policy: AccessPolicy }[] {
  return catalog
    .map((table) => ({ table, policy: policyOf(policies, table) }))
    .filter(({ policy }) => mayRead(policy, viewer));
}

export function findTable(catalog: readonly TableInfo[], ref: TableRef): TableInfo | undefined {
  return catalog.find((table) => table.schema === ref.schema && table.name === ref.name);
}
