import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import type { Id } from "../_generated/dataModel";
import type { ClientKey } from "../contacts/clientKeys";
import { appError } from "./errors";

/**
 * Per-organization limits on the actions that reach an organization's database or cost money. Token
 * buckets: a burst up to `capacity`, then `rate` per minute. The high ceilings that every visitor of an
 * organization (or every browser) spends from are split into 10 shards (the component checks two and
 * takes from the fuller): as one document, 50 visitors starting a chat at once conflicted on it until
 * Convex's retries ran out ("changed while this mutation was being run and on every subsequent retry",
 * found by `pnpm bench widget-load` once local-convex detected conflicts). The small per-client buckets
 * stay whole: one client's calls are few, and their exact limits are tested.
 */
const rateLimiter = new RateLimiter(components.rateLimiter, {
  saveDataSource: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 10 },
  testConnection: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  listTables: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  previewRows: { kind: "token bucket", rate: 120, period: MINUTE, capacity: 30 },
  healthCheck: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  startIngestion: { kind: "token bucket", rate: 5, period: MINUTE, capacity: 3 },
  // What a visitor can spend is counted per client key (contacts/clientKeys.ts) under a far higher
  // ceiling per organization, so one client flooding cannot use up what the others need.
  registerWidgetClientPerNetwork: { kind: "token bucket", rate: 20, period: HOUR, capacity: 10 },
  registerWidgetClient: { kind: "token bucket", rate: 600, period: MINUTE, capacity: 300, shards: 10 },
  startContactSessionPerClient: { kind: "token bucket", rate: 10, period: MINUTE, capacity: 10 },
  startContactSession: { kind: "token bucket", rate: 1200, period: MINUTE, capacity: 600, shards: 10 },
  // Callers without a client token (server-side integrations, scripts) share this bucket only.
  startContactSessionUnidentified: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 60 },
  organizationMessages: { kind: "token bucket", rate: 2400, period: MINUTE, capacity: 1200, shards: 10 },
  // The agent's database tools (named lookups, model SQL): a model in a loop must not flood the database.
  agentLookup: { kind: "token bucket", rate: 300, period: MINUTE, capacity: 60 },
  // Keyed by client key (or by session without one): new sessions of one client share it.
  contactMessage: { kind: "token bucket", rate: 20, period: MINUTE, capacity: 10 },
  // Dashboard clients and sign-ups (accounts/): per client (its network behind a trusted proxy, else
  // its token) under one deployment-wide ceiling; callers without a token share one small bucket.
  registerDashboardClientPerNetwork: { kind: "token bucket", rate: 20, period: HOUR, capacity: 10 },
  registerDashboardClient: { kind: "token bucket", rate: 600, period: MINUTE, capacity: 300, shards: 10 },
  signUpPerClient: { kind: "token bucket", rate: 10, period: HOUR, capacity: 5 },
  signUpTokenless: { kind: "token bucket", rate: 20, period: HOUR, capacity: 20 },
  signUp: { kind: "token bucket", rate: 600, period: HOUR, capacity: 200 },
  // Each API key (apiKeys/): every /v1 request spends one token, whatever the route.
  apiKeyRequests: { kind: "token bucket", rate: 600, period: MINUTE, capacity: 120 },
  sqlConsole: { kind: "token bucket", rate: 120, period: MINUTE, capacity: 30 },
});

export type LimitedOperation = keyof NonNullable<typeof rateLimiter.limits>;

const LABELS: Record<LimitedOperation, string> = {
  saveDataSource: "saving the connection",
  testConnection: "connection tests",
  listTables: "loading tables",
  previewRows: "previews",
  healthCheck: "health checks",
  startIngestion: "starting ingestion",
  registerWidgetClientPerNetwork: "new chat clients from your network",
  registerWidgetClient: "new chat clients",
  startContactSessionPerClient: "new chat sessions",
  startContactSession: "new chat sessions",
  startContactSessionUnidentified: "new chat sessions",
  organizationMessages: "messages to this organization",
  contactMessage: "messages in this chat",
  agentLookup: "database lookups by the assistant",
  registerDashboardClientPerNetwork: "new browsers from your network",
  registerDashboardClient: "new browsers",
  signUpPerClient: "sign-ups from this browser",
  signUpTokenless: "sign-ups without a browser token",
  signUp: "sign-ups right now",
  apiKeyRequests: "requests with this API key",
  sqlConsole: "SQL console queries",
};

/**
 * Consumes one token for the key (an organization, a contact session, or a client key from
 * contacts/clientKeys.ts; none = one bucket for the whole deployment) or throws `rate_limited` with
 * the wait.
 */
export async function enforceRateLimit(
  ctx: ActionCtx | MutationCtx,
  operation: LimitedOperation,
  key?: Id<"organizations"> | Id<"contactSessions"> | Id<"apiKeys"> | ClientKey,
): Promise<void> {
  const { ok, retryAfter } = await rateLimiter.limit(ctx, operation, { key });
  if (!ok) {
    const seconds = Math.max(1, Math.ceil(retryAfter / 1000));
    throw appError("rate_limited", `Too many ${LABELS[operation]}; try again in ${seconds} s.`, {
      retryable: true,
      retryAfterMs: Math.ceil(retryAfter),
    });
  }
}
