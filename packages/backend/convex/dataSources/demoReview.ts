import type { AccessPolicy, PolicySuggestion } from "../access/policies";

/*
 * The demo database's table policies as a person reviewed them against database-schema.sql: which
 * tables the demo shares, and how. The seed applies a suggestion only where it agrees with this review
 * (the way an admin applies suggestions only after reading them), so a change in the suggestion rules
 * can never widen what the demo shares unnoticed: a table suggested otherwise stays private, and the
 * seed says so. Owner paths and hidden columns are the suggestion's own.
 */
export const REVIEWED_DEMO_POLICIES: ReadonlyMap<string, AccessPolicy["kind"]> = new Map([
  ["public.StoreLocations", "public"],
  ["public.product_categories", "public"],
  ["public.products", "public"],
  ["public.customers", "customer"],
  ["public.orders", "customer"],
  ["public.order_items", "customer"],
  ["public.order_summaries", "customer"],
  ["public.appointments", "customer"],
  ["support.tickets", "customer"],
  ["support.ticket_messages", "customer"],
  // Everything else (inventory_events: stock movements, staff-only) stays private.
]);

interface SuggestedTable {
  schema: string;
  name: string;
  suggestion: PolicySuggestion;
}

/** The suggestions the review agrees with, and the tables whose suggestion it does not (left private). */
export function reviewDemoSuggestions(tables: readonly SuggestedTable[]) {
  const accepted: { schema: string; table: string; policy: AccessPolicy }[] = [];
  const disagreed: { table: string; suggested: AccessPolicy["kind"]; reviewed: AccessPolicy["kind"] }[] = [];
  for (const { schema, name, suggestion } of tables) {
    const key = `${schema}.${name}`;
    const reviewed = REVIEWED_DEMO_POLICIES.get(key) ?? "private";
    const suggested = suggestion.policy.kind;
    if (suggested !== reviewed) disagreed.push({ table: key, suggested, reviewed });
    else if (reviewed !== "private") accepted.push({ schema, table: name, policy: suggestion.policy });
  }
  return { accepted, disagreed };
}
