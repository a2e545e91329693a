import { v } from "convex/values";
import { internalQuery } from "../_generated/server";
import { resolveMember } from "../organizations/roles";
import { vRole } from "../organizations/tables";

/** For action wrappers: the caller's membership (the identity travels with `ctx.runQuery`). */
export const resolve = internalQuery({
  args: { organizationId: v.id("organizations") },
  returns: v.object({ userId: v.id("users"), organizationId: v.id("organizations"), role: vRole }),
  handler: (ctx, { organizationId }) => resolveMember(ctx, organizationId),
});
