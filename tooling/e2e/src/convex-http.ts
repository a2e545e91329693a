import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Stack } from "./stack.ts";

/** A public mutation over Convex's HTTP API, the way the widget (or ConvexHttpClient) calls it. */
export async function publicMutation<T>(
  stack: Stack,
  path: string,
  args: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(`${stack.dev.convex.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: T; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value as T;
}

/**
 * A backend outage on demand (local-convex's admin route): every WebSocket is dropped and new ones are
 * refused for `refuseMs`, as when a laptop loses its network.
 */
export async function dropConnections(stack: Stack, refuseMs: number): Promise<void> {
  const { url, adminKey } = stack.dev.convex.target;
  const dropped = await fetch(`${url}/api/local_convex/drop_connections`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${adminKey}` },
    body: JSON.stringify({ refuseMs }),
  });
  expect(dropped.status).toBe(200);
}

/**
 * The operator's private-network grant (`system/networkAccess:grantPrivateNetworks`, an internal
 * mutation run with the deployment's admin key, as `npx convex run` would) for the organization the
 * page's signed-in user has active. Its id comes from the backend the way the dashboard reads it.
 */
export async function grantPrivateNetworksToActiveOrganization(stack: Stack, page: Page): Promise<void> {
  const { url, adminKey } = stack.dev.convex.target;
  const token: string | null = await page.evaluate(() => {
    const entry = Object.entries(localStorage).find(([key]) => key.startsWith("__convexAuthJWT"));
    return entry === undefined ? null : String(entry[1]);
  });
  expect(token).toBeTruthy();
  const mine = await fetch(`${url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ path: "private/organizations:listMine", args: {}, format: "json" }),
  });
  const { value } = (await mine.json()) as { value: { activeOrganizationId: string } };
  const granted = await fetch(`${url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${adminKey}` },
    body: JSON.stringify({
      path: "system/networkAccess:grantPrivateNetworks",
      args: { organizationId: value.activeOrganizationId },
      format: "json",
    }),
  });
  expect(await granted.json()).toMatchObject({ status: "success" });
}
