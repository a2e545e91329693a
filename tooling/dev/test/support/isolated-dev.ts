import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll } from "vitest";
import { DEMO_ACCOUNT, startLocalDev, type LocalDev } from "../../src/start-local-dev.ts";

// By name, as the dashboard calls them; the backend's own tests cover their types and rules.
export const signIn = makeFunctionReference<
  "action",
  { provider: string; params: Record<string, string> },
  { tokens?: { token: string } | null }
>("auth:signIn");
export const listMine = makeFunctionReference<
  "query",
  Record<string, never>,
  { organizations: { organizationId: string; name: string; isDemo: boolean }[] }
>("private/organizations:listMine");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * `pnpm dev`'s stack on free ports and a temporary state folder (so a running `pnpm dev` is not
 * disturbed), started before the file's tests and stopped after them.
 */
export function useIsolatedDev(): { readonly dev: LocalDev; readonly stateDir: string } {
  const stateDir = mkdtempSync(path.join(tmpdir(), "answerbase-dev-"));
  let dev: LocalDev | undefined;
  beforeAll(async () => {
    dev = await startLocalDev({
      ANSWERBASE_STATE_DIR: stateDir,
      LOCAL_CLOUD_HOST: "127.0.0.1",
      LOCAL_CLOUD_PORT: await freePort(),
      EMBEDDED_POSTGRES_PORT: await freePort(),
      DEMO_CRM_PORT: 0,
      LOCAL_CONVEX_PORT: await freePort(),
      LOCAL_CONVEX_SITE_PORT: await freePort(),
    });
  });
  afterAll(async () => {
    await dev?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });
  return {
    get dev() {
      if (!dev) throw new Error("the dev stack is not started yet (use it inside a test)");
      return dev;
    },
    stateDir,
  };
}

/** An HTTP client signed in as the demo account, with the token it holds. */
export async function signInAsDemo(url: string): Promise<{ client: ConvexHttpClient; token: string }> {
  const client = new ConvexHttpClient(url);
  const { tokens } = await client.action(signIn, {
    provider: "password",
    params: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, flow: "signIn" },
  });
  if (!tokens?.token) throw new Error("the demo account could not sign in");
  client.setAuth(tokens.token);
  return { client, token: tokens.token };
}
