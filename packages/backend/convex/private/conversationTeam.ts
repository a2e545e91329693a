import { v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import { vConversationEvent } from "../conversations/tables";
import { addNote, assignConversation, inOrganization, personOf } from "../conversations/team";
import { memberMutation, memberQuery } from "../lib/functions";

/* The inbox's teamwork: who owns a conversation, the team's notes, and who wrote which reply. */

/** Assign to a teammate (`userId`), or to nobody (no `userId`). */
export const assign = memberMutation({
  args: { conversationId: v.id("conversations"), userId: v.optional(v.id("users")) },
  returns: v.null(),
  handler: async (ctx, { conversationId, userId }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    await assignConversation(ctx, ctx.member, conversation, userId);
    return null;
  },
});

/** An internal note: shown to the organization's members in the thread, never to the customer or the agent. */
export const addNoteTo = memberMutation({
  args: { conversationId: v.id("conversations"), text: v.string() },
  returns: v.null(),
  handler: async (ctx, { conversationId, text }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    await addNote(ctx, ctx.member, conversation, text);
    return null;
  },
});

const vPerson = v.object({ userId: v.id("users"), name: v.string(), image: v.union(v.string(), v.null()) });

/**
 * The lines of the thread that are not messages (notes, assignment, operators joining and leaving),
 * oldest first, with the people named; and which operator wrote each operator reply.
 */
export const timeline = memberQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.object({
    events: v.array(
      v.object({
        _id: v.id("conversationEvents"),
        _creationTime: v.number(),
        event: vConversationEvent,
        people: v.array(vPerson),
      }),
    ),
    authors: v.array(v.object({ messageId: v.string(), author: vPerson })),
    assignee: v.union(vPerson, v.null()),
  }),
  handler: async (ctx, { conversationId }) => {
    const conversation = await inOrganization(ctx, ctx.member, conversationId);
    const people = new Map<Id<"users">, Awaited<ReturnType<typeof personOf>>>();
    const person = async (userId: Id<"users">) => {
      const known = people.get(userId) ?? (await personOf(ctx, userId));
      people.set(userId, known);
      return known;
    };
    const docs = await ctx.db
      .query("conversationEvents")
      .withIndex("by_conversationId_and_shownToContact", (q) => q.eq("conversationId", conversationId))
      .collect();
    const events = [];
    for (const doc of docs.sort((a, b) => a._creationTime - b._creationTime)) {
      const { event } = doc;
      const ids =
        event.kind === "assigned"
          ? [event.by, event.from, event.to].flatMap((id) => (id === undefined ? [] : [id]))
          : event.kind === "note"
            ? [event.by]
            : [event.userId];
      events.push({
        _id: doc._id,
        _creationTime: doc._creationTime,
        event,
        people: await Promise.all(ids.map(person)),
      });
    }
    const written = await ctx.db
      .query("operatorMessages")
      .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
      .collect();
    const authors = [];
    for (const row of written) authors.push({ messageId: row.messageId, author: await person(row.userId) });
    const assignee = conversation.assignee === undefined ? null : await person(conversation.assignee);
    return { events, authors, assignee };
  },
});
