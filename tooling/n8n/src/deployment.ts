import type { LocalDev } from "@answerbase/dev/start-local-dev";

/** Calls a Convex function over the deployment's HTTP API with `authorization` (admin key or a user's token). */
async function call(
  dev: LocalDev,
  kind: "query" | "mutation" | "action",
  path: string,
  args: Record<string, unknown>,
  authorization: string,
): Promise<unknown> {
  const response = await fetch(`${dev.convex.url}/api/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path}: ${body.errorMessage ?? response.status}`);
  return body.value;
}

/** What the operator runs with the deployment's admin key (`npx convex run …`): internal functions. */
export function asOperator(dev: LocalDev) {
  const authorization = `Convex ${dev.convex.target.adminKey}`;
  return (kind: "query" | "mutation" | "action", path: string, args: Record<string, unknown>) =>
    call(dev, kind, path, args, authorization);
}

/** The dashboard's functions as a signed-in user (password sign-in, as the dashboard does it). */
export async function signedIn(dev: LocalDev, email: string, password: string) {
  const { tokens } = (await call(
    dev,
    "action",
    "auth:signIn",
    { provider: "password", params: { email, password, flow: "signIn" } },
    "",
  )) as { tokens: { token: string } };
  const authorization = `Bearer ${tokens.token}`;
  return (kind: "query" | "mutation" | "action", path: string, args: Record<string, unknown>) =>
    call(dev, kind, path, args, authorization);
}
