import { internal } from "../_generated/api";
import { httpAction } from "../_generated/server";
import { clientAddress } from "../contacts/clientKeys";
import { clientIpHeader } from "../lib/env";
import { isAppError } from "../lib/errors";

/*
 * `POST /widget/clients` `{organizationId}` → `{clientToken, expiresAt}`: the widget's first call, over
 * HTTP because only an HTTP action sees the request's headers, and so the address the deployment's
 * trusted proxy reported (`ANSWERBASE_CLIENT_IP_HEADER`). Called cross-origin from the widget's iframe
 * without credentials, so any origin may call it (CORS `*`); the token it returns is worth only one
 * client's share of the organization's limits.
 */

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "86400",
};

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...CORS, ...extra },
  });
}

const STATUS: Record<string, number> = { not_found: 404, rate_limited: 429, invalid_input: 400 };

export const registerClient = httpAction(async (ctx, request) => {
  let organizationId: unknown;
  try {
    ({ organizationId } = (await request.json()) as { organizationId?: unknown });
  } catch {
    return json(400, { code: "invalid_input", message: 'The body must be JSON: {"organizationId": "…"}.' });
  }
  if (typeof organizationId !== "string" || organizationId.length === 0 || organizationId.length > 64) {
    return json(400, { code: "invalid_input", message: "organizationId is required." });
  }
  try {
    const registered = await ctx.runMutation(internal.system.widgetClients.register, {
      organizationId,
      address: clientAddress(request.headers, clientIpHeader()),
    });
    return json(200, registered);
  } catch (error) {
    if (isAppError(error)) {
      const { code, message, retryAfterMs } = error.data;
      const retry: Record<string, string> =
        retryAfterMs === undefined ? {} : { "retry-after": String(Math.ceil(retryAfterMs / 1000)) };
      return json(
        STATUS[code] ?? 400,
        { code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
        retry,
      );
    }
    throw error;
  }
});

export const registerClientPreflight = httpAction(() =>
  Promise.resolve(new Response(null, { status: 204, headers: CORS })),
);
