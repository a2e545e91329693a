"use node";

import { v } from "convex/values";
import { vPlaygroundAnswer } from "../conversations/validators";
import { askAgent } from "../agent/playgroundAsk";
import { appError } from "../lib/errors";
import { memberAction } from "../lib/functions";
import type { Viewer } from "../access/viewer";
import { hasRole, type Member } from "../organizations/roles";
import { normalizeEmail } from "../contacts/identity";

/**
 * The dashboard's playground: ask the agent as an admin (every table), as a given customer (verified),
 * or as an anonymous visitor (public data only), to see exactly what they would get, with timings per
 * source. The first two show customers' data, so they need the admin role; any member may ask as a
 * visitor.
 */
export const ask = memberAction({
  args: {
    question: v.string(),
    /** A customer's e-mail to ask as (verified; admin only). Omit both this and `asVisitor` to ask as an admin. */
    asContactEmail: v.optional(v.string()),
    /** Ask as an anonymous visitor of the widget: public tables and documents only (any member). */
    asVisitor: v.optional(v.boolean()),
  },
  returns: vPlaygroundAnswer,
  handler: (ctx, { question, asContactEmail, asVisitor }) =>
    askAgent(ctx, {
      organizationId: ctx.member.organizationId,
      question,
      viewer: playgroundViewer(ctx.member, { asContactEmail, asVisitor: asVisitor === true }),
      actor: { kind: "member", userId: ctx.member.userId },
    }),
});

function playgroundViewer(
  member: Member,
  request: { asContactEmail: string | undefined; asVisitor: boolean },
): Viewer {
  if (request.asVisitor && request.asContactEmail !== undefined) {
    throw appError("invalid_input", "Ask either as a customer or as an anonymous visitor, not both.", {
      fields: [{ field: "asContactEmail", message: "leave empty to ask as an anonymous visitor" }],
    });
  }
  if (request.asVisitor) return { kind: "contact", verifiedOwnerKey: null };
  if (!hasRole(member, "admin")) {
    throw appError(
      "forbidden",
      `Asking as an admin or as a customer shows customers' data, so it needs the admin role; your role is ${member.role}. Ask as an anonymous visitor instead.`,
    );
  }
  return request.asContactEmail === undefined
    ? { kind: "admin" }
    : { kind: "contact", verifiedOwnerKey: normalizeEmail(request.asContactEmail) };
}
