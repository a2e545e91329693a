import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT, startLocalDev, type LocalDev } from "../src/start-local-dev.ts";

// By name, as the dashboard will call them; the backend's own tests cover their types and rules.
const signIn = makeFunctionReference<
  "action",
  { provider: string; params: Record<string, string> },
  { tokens?: { token: string } | null }
>("auth:signIn");
const listMine = makeFunctionReference<
  "query",
  Record<string, never>,
  { organizations: { organizationId: string; name: string; isDemo: boolean }[] }
>("private/organizations:listMine");
const testConnection = makeFunctionReference<"action", { organizationId: string }, { kind: string }>(
  "private/dataSourceActions:testConnection",
);
const save = makeFunctionReference<
  "action",
  { organizationId: string; config: Record<string, string> },
  unknown
>("private/dataSourceActions:save");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Free ports and a temporary state folder, so a running `pnpm dev` is not disturbed.
const stateDir = mkdtempSync(path.join(tmpdir(), "answerbase-dev-"));
let dev: LocalDev;
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

describe("pnpm dev on embedded defaults", () => {
  it("serves the real backend: the demo user signs in, sees the demo organization and its database", async () => {
    expect(dev.seed.dataSourceSaved).toBe(true);
    const client = new ConvexHttpClient(dev.convex.url);
    const { tokens } = await client.action(signIn, {
      provider: "password",
      params: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, flow: "signIn" },
    });
    expect(tokens?.token).toEqual(expect.any(String));
    client.setAuth(tokens!.token);

    const { organizations } = await client.query(listMine, {});
    expect(organizations).toEqual([
      expect.objectContaining({
        organizationId: dev.seed.organizationId,
        name: DEMO_ACCOUNT.organizationName,
        isDemo: true,
      }),
    ]);
    // Through the Neon driver and the local cloud's Neon endpoints, to the embedded demo database.
    expect(await client.action(testConnection, { organizationId: dev.seed.organizationId })).toMatchObject({
      kind: "connected",
    });

    // Switched to Aurora and Redshift, the demo organization goes through the demo account's role,
    // which the seed made trust the demo organization's id.
    const { aurora, redshift } = dev.stack.demo;
    const configs: Record<string, string>[] = [
      { provider: "aurora_data_api", ...aurora },
      {
        provider: "redshift",
        workgroupName: redshift.workgroupName,
        database: redshift.database,
        secretArn: redshift.secretArn,
        roleArn: redshift.roleArn,
      },
    ];
    for (const config of configs) {
      await client.action(save, { organizationId: dev.seed.organizationId, config });
      expect(await client.action(testConnection, { organizationId: dev.seed.organizationId })).toMatchObject({
        kind: "connected",
      });
    }
    expect(dev.stack.cloud.iam.sessionsOf(aurora.roleArn).map((s) => s.externalId)).toContain(
      dev.seed.organizationId,
    );
  });
});
