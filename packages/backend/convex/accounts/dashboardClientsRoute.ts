import { internal } from "../_generated/api";
import { httpAction } from "../_generated/server";
import { clientAddress } from "../contacts/clientKeys";
import { clientIpHeader } from "../lib/env";
import { isAppError } from "../lib/errors";

/*
 * `POST /dashboard/clients` → `{clientToken, expiresAt}`: the sign-in page's first call, over HTTP
 * because only an HTTP action sees the address the deployment's trusted proxy reported
 * (`ANSWERBASE_CLIENT_IP_HEADER`). The dashboard may be served from another origin than the
 * deployment and sends no credentials, so any origin may call it (CORS `*`): the token is worth one
 * client's share of the sign-up limits and its own sign-in back-off, nothing more.
 */

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "86400",
};

export const registerDashboardClient = httpAction(async (ctx, request) => {
  const headers = { "content-type": "application/json", ...CORS };
  try {
    const registered = await ctx.runMutation(internal.system.dashboardClients.register, {
      address: clientAddress(request.headers, clientIpHeader()),
    });
    return new Response(JSON.stringify(registered), { status: 200, headers });
  } catch (error) {
    if (!isAppError(error) || error.data.code !== "rate_limited") throw error;
    const { code, message, retryAfterMs = 1000 } = error.data;
    return new Response(JSON.stringify({ code, message, retryAfterMs }), {
      status: 429,
      headers: { ...headers, "retry-after": String(Math.ceil(retryAfterMs / 1000)) },
    });
  }
});

export const registerDashboardClientPreflight = httpAction(() =>
  Promise.resolve(new Response(null, { status: 204, headers: CORS })),
);
