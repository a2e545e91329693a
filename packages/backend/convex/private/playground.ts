"use node";

import { v } from "convex/values";
import { vPlaygroundAnswer } from "../conversations/validators";
import { askAgent } from "../lib/agent/playground";
import { memberAction } from "../lib/functions";
import { normalizeEmail } from "../contacts/identity";

/**
 * The dashboard's playground: ask the agent as an admin (every table) or as a given customer, to see
 * exactly what that customer would get, with timings per source.
 */
export const ask = memberAction({
  args: {
    question: v.string(),
    /** A customer's e-mail to ask as (verified), or omit to ask as an admin. */
    asContactEmail: v.optional(v.string()),
  },
  returns: vPlaygroundAnswer,
  handler: (ctx, { question, asContactEmail }) =>
    askAgent(ctx, {
      organizationId: ctx.member.organizationId,
      question,
      viewer:
        asContactEmail === undefined
          ? { kind: "admin" }
          : { kind: "contact", verifiedOwnerKey: normalizeEmail(asContactEmail) },
      actor: { kind: "member", userId: ctx.member.userId },
    }),
});
