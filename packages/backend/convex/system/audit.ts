import { internalMutation } from "../_generated/server";
import { auditEventFields } from "../audit/tables";

/** Called by every data-source access once it finished (successfully or not). */
export const record = internalMutation({
  args: auditEventFields,
  handler: async (ctx, event) => {
    await ctx.db.insert("auditEvents", event);
  },
});
