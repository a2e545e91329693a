import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { vVerificationMethod } from "../contacts/tables";

/*
 * Who the customer of a conversation is, for the inbox's customer panel: how far their identity goes
 * (verified by the site, an e-mail typed into the widget, or nobody) and their other conversations.
 * Their database rows come from a Node action (dataSources/customerRows.ts), only for a verified
 * identity, through the same scoping as the agent's lookups.
 */

export const vCustomerIdentity = v.union(
  /** The site vouched for the e-mail when the session started (`at`); `method` null on older sessions. */
  v.object({
    kind: v.literal("verified"),
    email: v.string(),
    method: v.union(vVerificationMethod, v.null()),
    at: v.number(),
  }),
  /** An e-mail typed into the widget: nobody vouched for it, so no customer rows are read for it. */
  v.object({ kind: v.literal("unverified"), email: v.string() }),
  /** No e-mail at all (an anonymous API caller). */
  v.object({ kind: v.literal("anonymous") }),
);

export const vPastConversation = v.object({
  conversationId: v.id("conversations"),
  status: v.union(v.literal("unresolved"), v.literal("escalated"), v.literal("resolved")),
  preview: v.string(),
  lastMessageAt: v.number(),
  /** Whether that conversation's session was verified: the same e-mail typed by someone else is not. */
  verified: v.boolean(),
});

export const vCustomerContext = v.object({
  name: v.string(),
  identity: vCustomerIdentity,
  past: v.array(vPastConversation),
  /** More earlier conversations than listed. */
  morePast: v.boolean(),
});

/** Sessions and conversations read per panel: a customer's history, not the organization's. */
const SESSIONS_READ = 20;
const PER_SESSION = 10;
const PAST_SHOWN = 10;

export function identityOf(session: Doc<"contactSessions">): Infer<typeof vCustomerIdentity> {
  if (session.identity.kind === "verified")
    return {
      kind: "verified",
      email: session.email,
      method: session.identity.method ?? null,
      at: session._creationTime,
    };
  return session.email === "" ? { kind: "anonymous" } : { kind: "unverified", email: session.email };
}

export async function customerContextOf(
  ctx: QueryCtx,
  conversation: Doc<"conversations">,
): Promise<Infer<typeof vCustomerContext>> {
  const session = await ctx.db.get(conversation.contactSessionId);
  if (session === null)
    return { name: "Unknown", identity: { kind: "anonymous" }, past: [], morePast: false };
  const identity = identityOf(session);
  // Anonymous callers share no e-mail worth matching (every anonymous API call shares one session).
  if (identity.kind === "anonymous") return { name: session.name, identity, past: [], morePast: false };
  const sessions = await ctx.db
    .query("contactSessions")
    .withIndex("by_organizationId_and_email", (q) =>
      q.eq("organizationId", conversation.organizationId).eq("email", session.email),
    )
    .order("desc")
    .take(SESSIONS_READ);
  const past = [];
  for (const other of sessions) {
    const conversations = await ctx.db
      .query("conversations")
      .withIndex("by_contactSessionId_and_lastMessageAt", (q) => q.eq("contactSessionId", other._id))
      .order("desc")
      .take(PER_SESSION);
    for (const c of conversations) {
      if (c._id === conversation._id) continue;
      past.push({
        conversationId: c._id,
        status: c.status.kind,
        preview: c.preview,
        lastMessageAt: c.lastMessageAt,
        verified: other.identity.kind === "verified",
      });
    }
  }
  past.sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  return {
    name: session.name,
    identity,
    past: past.slice(0, PAST_SHOWN),
    morePast: past.length > PAST_SHOWN || sessions.length === SESSIONS_READ,
  };
}
