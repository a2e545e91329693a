"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { codeMessage } from "../accounts/verificationCode";
import { sendMail } from "../accounts/smtpMailer";

/** Sends a sign-up or password reset code (called by the code providers, accounts/verificationCode.ts). */
export const send = internalAction({
  args: {
    purpose: v.union(v.literal("verify"), v.literal("reset")),
    to: v.string(),
    code: v.string(),
    expiresAt: v.number(),
  },
  returns: v.null(),
  handler: async (_ctx, { purpose, to, code, expiresAt }) => {
    await sendMail({ to, ...codeMessage(purpose, code, expiresAt) });
    return null;
  },
});
