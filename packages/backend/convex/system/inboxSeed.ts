import { createThread, saveMessages } from "@convex-dev/agent";
import { v } from "convex/values";
import { components } from "../_generated/api";
import { internalMutation } from "../_generated/server";
import { previewOf } from "../conversations/model";

/*
 * A large inbox for `pnpm bench inbox` (packages/backend/bench/inbox.bench.ts): conversations numbered
 * `from` .. `from + count - 1`, each with its own contact session and `messagesPerConversation` thread
 * messages, written directly as the widget and the agent would leave them (status, assignee, preview,
 * search text). Called in batches so each transaction stays far under Convex's per-mutation limits.
 * Internal: only the deployment's admin key (the bench, `npx convex run`) reaches it.
 */

const FIRST = ["Ada", "Bo", "Carla", "Dev", "Elif", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kira", "Lars"];
const LAST = ["Okafor", "Nguyen", "Schmidt", "Rossi", "Tanaka", "Silva", "Novak", "Haddad", "Berg"];
const TOPICS = [
  "where is my order",
  "can I return the headphones",
  "the discount code does not work",
  "when does the store open",
  "my parcel arrived damaged",
  "change the delivery address",
  "invoice for my company",
  "is the blender in stock",
];

export const seedConversations = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    /** Every fifth conversation goes to the first, the next to the second; the rest are unassigned. */
    assignees: v.array(v.id("users")),
    from: v.number(),
    count: v.number(),
    messagesPerConversation: v.number(),
    /** `lastMessageAt` of conversation 0; each later one is a second newer. */
    startAt: v.number(),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    for (let i = args.from; i < args.from + args.count; i++) {
      const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
      const email = `customer${i}@example.com`;
      const sessionId = await ctx.db.insert("contactSessions", {
        organizationId: args.organizationId,
        // Not the hash of any token: no widget can hold this session.
        tokenHash: `seed:${args.organizationId}:${i}`,
        name,
        email,
        identity: { kind: "unverified" },
        expiresAt: 0,
      });
      const threadId = await createThread(ctx, components.agent, { userId: sessionId });
      const texts = Array.from({ length: args.messagesPerConversation }, (_, m) =>
        m % 2 === 0
          ? `Hi, ${TOPICS[(i + m) % TOPICS.length]}? It is about order #${10_000 + i}.`
          : `Thanks ${name.split(" ")[0]}, I looked that up: order #${10_000 + i} is on its way.`,
      );
      await saveMessages(ctx, components.agent, {
        threadId,
        userId: sessionId,
        messages: texts.map((content, m) =>
          m % 2 === 0 ? { role: "user" as const, content } : { role: "assistant" as const, content },
        ),
      });
      const at = args.startAt + i * 1000;
      const status =
        i % 10 === 0
          ? {
              kind: "escalated" as const,
              reason: "The customer asked for a person.",
              at,
              by: { kind: "contact" as const },
            }
          : i % 10 <= 3
            ? { kind: "resolved" as const, at, by: { kind: "agent" as const } }
            : { kind: "unresolved" as const };
      const assignee = i % 5 < args.assignees.length ? args.assignees[i % 5] : undefined;
      await ctx.db.insert("conversations", {
        organizationId: args.organizationId,
        contactSessionId: sessionId,
        threadId,
        status,
        preview: previewOf(texts.at(-1) ?? ""),
        lastMessageAt: at,
        lastContactMessageAt: at,
        unreadByOperators: 0,
        ...(assignee !== undefined && { assignee }),
        searchText: `${name} ${email}\n${texts.join("\n")}\n`,
      });
    }
    return null;
  },
});
