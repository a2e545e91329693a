"use node";

import { checkedFetch, EGRESS_REFUSED_MESSAGE, isEgressRefused } from "@answerbase/egress";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { openSecret } from "../dataSources/secretBox";
import { encryptionKey } from "../lib/env";
import type { AttemptOutcome } from "../webhooks/attempts";
import { RESPONSE_EXCERPT_BYTES } from "../webhooks/schedule";
import { signedHeaders } from "../webhooks/signing";
import { secretAdditionalData } from "../webhooks/model";

/**
 * One attempt of one delivery: claim it, sign the stored body with the endpoint's secrets, POST it
 * through the egress policy (private addresses only with the operator's grant, redirects refused),
 * wait at most the timeout, keep the first 1 KB of the response, record. Scheduled with the delivery
 * id alone; the secrets are opened here and go nowhere else.
 */
export const attempt = internalAction({
  args: { deliveryId: v.id("webhookDeliveries") },
  returns: v.null(),
  handler: async (ctx, { deliveryId }) => {
    const claimed = await ctx.runMutation(internal.system.webhooks.claim, { deliveryId });
    if (claimed === null) return null;
    const at = Date.now();
    let outcome: AttemptOutcome;
    try {
      const secrets = await Promise.all(
        claimed.sealed.map((sealed) =>
          openSecret(
            sealed,
            encryptionKey(),
            secretAdditionalData(claimed.organizationId, claimed.endpointId),
          ),
        ),
      );
      const headers = await signedHeaders(secrets, claimed.webhookId, Math.floor(at / 1000), claimed.body);
      const response = await checkedFetch(claimed.network)(claimed.url, {
        method: "POST",
        headers,
        body: claimed.body,
        signal: AbortSignal.timeout(claimed.timeoutMs),
      });
      outcome = { kind: "response", httpStatus: response.status, excerpt: await excerptOf(response) };
    } catch (error) {
      outcome = { kind: "error", ...describeFailure(error, claimed.timeoutMs) };
    }
    await ctx.runMutation(internal.system.webhooks.record, {
      deliveryId,
      leaseUntil: claimed.leaseUntil,
      attempt: { at, durationMs: Date.now() - at, outcome },
    });
    return null;
  },
});

/** The body's first bytes as text; the rest is not read (a huge or endless body costs nothing). */
async function excerptOf(response: Response): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off (the timeout, a reset) still leaves what arrived: the status already tells the outcome.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

/** What the deliveries page shows for an attempt without a response: a code and a plain sentence. */
function describeFailure(error: unknown, timeoutMs: number): { code: string; message: string } {
  if (isEgressRefused(error)) return { code: "forbidden_network", message: EGRESS_REFUSED_MESSAGE };
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError")
    return { code: "timeout", message: `No response within ${timeoutMs / 1000} s.` };
  const cause = (error as { cause?: { message?: unknown } } | null)?.cause;
  const detail = typeof cause?.message === "string" ? cause.message : String(error);
  if (/redirect/i.test(detail))
    return {
      code: "redirect_refused",
      message: "The endpoint answered with a redirect; webhooks do not follow redirects.",
    };
  if (name === "ConvexError")
    return { code: "secret_corrupted", message: "The signing secret cannot be read; rotate it." };
  return { code: "network", message: `The request failed: ${detail}`.slice(0, 300) };
}
