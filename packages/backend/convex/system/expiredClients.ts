import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../_generated/server";
import { FORGET_AFTER_MS } from "../accounts/backoff";

/*
 * Client tokens and sign-in back-off rows live only as long as they mean something: expired widget
 * and dashboard client tokens are refused anyway, and a back-off row quiet for a day starts again
 * from zero (accounts/backoff.ts), so keeping it adds nothing. Rows of a client that once signed in
 * (`knownSince`) stay: they are what lets the owner in while someone else is failing. Run hourly by
 * crons.ts, in bounded batches that reschedule themselves, so one run never scans an unbounded table.
 */

const BATCH = 200;

export const purge = internalMutation({
  /** Where the previous batch stopped among quiet back-off rows (those of known clients are passed over). */
  args: { signInCursor: v.optional(v.string()) },
  returns: v.object({ widgetClients: v.number(), dashboardClients: v.number(), signInClients: v.number() }),
  handler: async (ctx, { signInCursor }) => {
    const now = Date.now();
    const widgetClients = await ctx.db
      .query("widgetClients")
      .withIndex("by_expiresAt", (q) => q.lte("expiresAt", now))
      .take(BATCH);
    const dashboardClients = await ctx.db
      .query("dashboardClients")
      .withIndex("by_expiresAt", (q) => q.lte("expiresAt", now))
      .take(BATCH);
    const quiet = await ctx.db
      .query("signInClients")
      .withIndex("by_lastFailureAt", (q) => q.lt("lastFailureAt", now - FORGET_AFTER_MS))
      .paginate({ cursor: signInCursor ?? null, numItems: BATCH });
    const signInClients = quiet.page.filter((row) => row.knownSince === undefined);
    for (const row of [...widgetClients, ...dashboardClients, ...signInClients]) await ctx.db.delete(row._id);
    const more = widgetClients.length === BATCH || dashboardClients.length === BATCH || !quiet.isDone;
    if (more) {
      await ctx.scheduler.runAfter(0, internal.system.expiredClients.purge, {
        ...(quiet.isDone ? {} : { signInCursor: quiet.continueCursor }),
      });
    }
    return {
      widgetClients: widgetClients.length,
      dashboardClients: dashboardClients.length,
      signInClients: signInClients.length,
    };
  },
});
