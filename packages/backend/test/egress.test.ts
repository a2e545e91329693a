// A new tenant cannot point Answerbase at the platform's own network: the embedded demo database (and
// any other loopback or private address, in any spelling) answers forbidden_network, the same answer
// for every target, until the operator grants private networks to that one organization.
import { EGRESS_REFUSED_MESSAGE } from "@answerbase/egress";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { startTestDeployment } from "@answerbase/local-convex/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import {
  CONVEX_DIR,
  createUser,
  deploymentEnv,
  grantPrivateNetworks,
  seedDemo,
  startBackend,
  type Backend,
} from "./support/backend.ts";

let cloud: TestCloud;
let t: Backend;
let tenant: Awaited<ReturnType<typeof createUser>>;
let organizationId: Id<"organizations">;

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"), { EMBEDDING_MODEL: "test" });
  t = await startBackend();
  tenant = await createUser(t, "someone@new-tenant.test");
  organizationId = await tenant.as.mutation(api.private.organizations.create, { name: "New tenant" });
});
afterAll(() => cloud?.stop());

/** The demo database's URL with another host and port. */
function at(host: string, port?: string): string {
  const url = new URL(cloud.demo.connectionString);
  return `postgresql://${url.username}:${url.password}@${host}:${port ?? url.port}${url.pathname}`;
}

/** A fresh organization of the tenant per attempt (saving a connection is rate limited per organization). */
async function connectAndTest(provider: "postgres" | "neon", connectionString: string) {
  const organizationId = await tenant.as.mutation(api.private.organizations.create, { name: "Attempt" });
  await tenant.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: { provider, connectionString },
  });
  return await tenant.as.action(api.private.dataSourceActions.testConnection, { organizationId });
}

const REFUSED = {
  kind: "failing",
  error: { code: "forbidden_network", message: EGRESS_REFUSED_MESSAGE, retryable: false },
};

describe("a tenant without the operator's grant", () => {
  it.each([
    ["postgres", "127.0.0.1"],
    ["postgres", "localhost"],
    ["postgres", "2130706433"],
    ["postgres", "0x7f.1"],
    ["postgres", "[::ffff:127.0.0.1]"],
    ["neon", "127.0.0.1"],
    ["neon", "localhost."],
    ["neon", "127.1"],
  ] as const)("%s at %s: forbidden_network", async (provider, host) => {
    expect(await connectAndTest(provider, at(host))).toEqual(REFUSED);
  });

  it("cannot tell an open port from a closed one, or a database from the metadata service", async () => {
    for (const target of [
      at("127.0.0.1", "1"),
      at("127.0.0.1", "5432"),
      at("169.254.169.254", "80"),
      at("10.0.0.1"),
    ]) {
      expect(await connectAndTest("postgres", target)).toEqual(REFUSED);
    }
  });

  it("gets the same refusal from every data source function, and no rows", async () => {
    await tenant.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: { provider: "postgres", connectionString: at("localhost") },
    });
    for (const call of [
      () => tenant.as.action(api.private.dataSourceActions.listTables, { organizationId }),
      () =>
        tenant.as.action(api.private.dataSourceActions.previewRows, {
          organizationId,
          schema: "public",
          table: "customers",
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({
        data: { code: "forbidden_network", message: EGRESS_REFUSED_MESSAGE },
      });
    }
  });

  it("reaches the same database once the operator grants private networks, and loses it when revoked", async () => {
    await grantPrivateNetworks(t, organizationId);
    expect(
      await tenant.as.action(api.private.dataSourceActions.testConnection, { organizationId }),
    ).toMatchObject({
      kind: "connected",
    });
    await t.mutation(internal.system.networkAccess.revokePrivateNetworks, { organizationId });
    // The shared connector of the granted config must not survive the revocation.
    await expect(
      tenant.as.action(api.private.dataSourceActions.listTables, { organizationId }),
    ).rejects.toMatchObject({ data: { code: "forbidden_network" } });
  });
});

it("the demo organization pnpm dev seeds keeps its database", async () => {
  const demo = await seedDemo(t, cloud);
  expect(
    await demo.owner.action(api.private.dataSourceActions.testConnection, {
      organizationId: demo.organizationId,
    }),
  ).toMatchObject({ kind: "connected" });
});

it("the grant is the operator's: no client can call it without the deployment's admin key", async () => {
  const { CONVEX_SITE_URL: _, ...env } = await deploymentEnv(cloud, "encrypted_table");
  const deployment = await startTestDeployment({ convexDir: CONVEX_DIR, env });
  try {
    const response = await fetch(`${deployment.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "system/networkAccess:grantPrivateNetworks",
        args: { organizationId },
        format: "json",
      }),
    });
    const body = (await response.json()) as { status?: string; errorMessage?: string };
    expect(body.status).not.toBe("success");
  } finally {
    await deployment.stop();
  }
});
