"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { verificationMessage } from "../accounts/verificationCode";
import { sendMail } from "../accounts/smtpMailer";

/** Sends a sign-up verification code (called by the code provider, accounts/verificationCode.ts). */
export const send = internalAction({
  args: { to: v.string(), code: v.string(), expiresAt: v.number() },
  returns: v.null(),
  handler: async (_ctx, { to, code, expiresAt }) => {
    await sendMail({ to, ...verificationMessage(code, expiresAt) });
    return null;
  },
});
