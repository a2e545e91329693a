"use node";

import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { sendMail } from "../accounts/smtpMailer";
import { smtpUrl } from "../lib/env";

/**
 * E-mails the organization's owners and admins that an endpoint was disabled (the page's notice and
 * the audit entry are written either way). Without SMTP_URL the deployment sends no e-mail: one
 * warning in the log says so.
 */
export const endpointDisabled = internalAction({
  args: { endpointId: v.id("webhookEndpoints") },
  returns: v.null(),
  handler: async (ctx, { endpointId }) => {
    if (smtpUrl() === undefined) {
      console.warn("Webhooks: an endpoint was disabled; SMTP_URL is not set, so its admins get no e-mail.");
      return null;
    }
    const notice = await ctx.runQuery(internal.system.webhooks.disabledNotice, { endpointId });
    if (notice === null) return null;
    for (const to of notice.recipients) {
      try {
        await sendMail({
          to,
          subject: `Answerbase: a webhook endpoint of ${notice.organizationName} was disabled`,
          text: `${notice.url}\n\n${notice.message}\n\nOpen the dashboard's Webhooks page to see its deliveries.`,
        });
      } catch (error) {
        // sendMail logged the cause; the other admins still get theirs.
        console.error(`Webhooks: the disabled-endpoint e-mail to one admin was not sent:`, error);
      }
    }
    return null;
  },
});
