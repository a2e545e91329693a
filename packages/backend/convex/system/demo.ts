"use node";

import { createAccount } from "@convex-dev/auth/server";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { internalAction } from "../_generated/server";
import { reviewDemoSuggestions } from "../dataSources/demoReview";
import { listTables, saveDataSource } from "../dataSources/operations";

/**
 * Seeds the embedded default: a demo user (e-mail + password sign-in), the demo organization, and —
 * when given — its database, saved through the same secret store as any organization's and labelled
 * as the platform's demo database. Idempotent: `pnpm dev` runs it on every start.
 */
export const seed = internalAction({
  args: {
    email: v.string(),
    password: v.string(),
    name: v.string(),
    organizationName: v.string(),
    dataSource: v.optional(v.any()),
    /** The demo CRM the demo actions call (`pnpm dev` starts it); absent: no actions are seeded. */
    crm: v.optional(v.object({ url: v.string(), apiKey: v.string() })),
  },
  returns: v.object({
    userId: v.id("users"),
    organizationId: v.id("organizations"),
    dataSourceSaved: v.boolean(),
  }),
  handler: async (
    ctx,
    args,
  ): Promise<{ userId: Id<"users">; organizationId: Id<"organizations">; dataSourceSaved: boolean }> => {
    const email = args.email.trim().toLowerCase();
    let userId: Id<"users"> | null = await ctx.runQuery(internal.system.demoRecords.userByEmail, { email });
    if (userId === null) {
      const { user } = await createAccount(ctx, {
        provider: "password",
        account: { id: email, secret: args.password },
        // Verified from the start, so the demo account signs in with its password alone. Convex Auth
        // reads `emailVerified` from the profile (and marks the account) though its type lists only
        // the user's fields.
        profile: { email, name: args.name, emailVerified: true } as { email: string; name: string },
      });
      userId = user._id;
    }
    const { organizationId, hasDataSource }: { organizationId: Id<"organizations">; hasDataSource: boolean } =
      await ctx.runMutation(internal.system.demoRecords.ensureOrganization, {
        userId,
        name: args.organizationName,
      });
    const dataSourceSaved = !hasDataSource && args.dataSource !== undefined;
    if (dataSourceSaved) {
      const acting = { organizationId, userId, actor: { kind: "system" as const, name: "demo-seed" } };
      await saveDataSource(ctx, acting, args.dataSource, { platformDefault: true });
      // The demo starts the way an admin would: suggestions applied after review, then one ingestion.
      const { accepted, disagreed } = reviewDemoSuggestions(await listTables(ctx, acting));
      for (const { table, suggested, reviewed } of disagreed) {
        console.warn(
          `Demo seed: ${table} is suggested ${suggested} but reviewed ${reviewed}; it stays private ` +
            "until dataSources/demoReview.ts is reviewed again.",
        );
      }
      await ctx.runMutation(internal.system.demoRecords.acceptSuggestions, {
        organizationId,
        userId,
        policies: accepted,
      });
    }
    if (args.crm !== undefined)
      await ctx.runMutation(internal.system.demoActions.seed, {
        organizationId,
        userId,
        crmUrl: args.crm.url,
        apiKey: args.crm.apiKey,
      });
    return { userId, organizationId, dataSourceSaved };
  },
});
