// The connect form's "Test" before "Save": a draft config is tried and nothing about it is stored,
// whether it connects or not; the saved connection (if any) keeps its own status.
import { createServer } from "node:net";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  grantPrivateNetworks,
} from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
});
afterAll(() => cloud?.stop());

/** A local port nobody listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function organization(options: { privateNetworks: boolean }) {
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  if (options.privateNetworks) await grantPrivateNetworks(t, organizationId);
  const tested = (config: unknown) =>
    owner.as.action(api.private.dataSourceActions.testConfig, { organizationId, config });
  const saved = () => owner.as.query(api.private.dataSources.get, { organizationId });
  const audited = () =>
    t.run((ctx) =>
      ctx.db
        .query("auditEvents")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
        .collect(),
    );
  return { owner, organizationId, tested, saved, audited };
}

describe("testConfig", () => {
  it("connects to a draft without saving it, and audits the test", async () => {
    const org = await organization({ privateNetworks: true });
    const result = await org.tested(demoConfigs(cloud).postgres);
    expect(result).toMatchObject({ kind: "connected", database: cloud.demo.database });
    expect(await org.saved()).toBeNull();
    const events = await org.audited();
    expect(events.map((e) => [e.operation, e.outcome.kind])).toEqual([["test_connection", "ok"]]);
  });

  it("answers a refused port with the database's one message, saving nothing", async () => {
    const org = await organization({ privateNetworks: true });
    const port = await closedPort();
    const result = await org.tested({
      provider: "postgres",
      connectionString: `postgres://shop:s3cret@127.0.0.1:${port}/shop`,
    });
    expect(result.kind).toBe("failing");
    if (result.kind !== "failing") return;
    expect(result.error.code).toBe("network");
    expect(result.error.message.match(/ECONNREFUSED/g)).toHaveLength(1);
    expect(result.error.message).not.toContain("s3cret");
    expect(await org.saved()).toBeNull();
    expect((await org.audited()).map((e) => e.outcome)).toEqual([{ kind: "error", code: "network" }]);
  });

  it("leaves the saved connection's status alone when a draft fails", async () => {
    const org = await organization({ privateNetworks: true });
    const { organizationId, owner } = org;
    await owner.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: demoConfigs(cloud).neon,
    });
    await owner.as.action(api.private.dataSourceActions.testConnection, { organizationId });
    const before = await org.saved();
    expect(before?.status.kind).toBe("connected");
    const port = await closedPort();
    const draft = { provider: "postgres", connectionString: `postgres://shop@127.0.0.1:${port}/shop` };
    expect((await org.tested(draft)).kind).toBe("failing");
    expect(await org.saved()).toEqual(before);
  });

  it("applies the organization's network access: a private address is refused without the grant", async () => {
    const org = await organization({ privateNetworks: false });
    const result = await org.tested(demoConfigs(cloud).postgres);
    expect(result).toMatchObject({
      kind: "failing",
      error: { message: expect.stringMatching(/public internet/) },
    });
  });

  it("names the bad field of a config that does not parse, as a save would", async () => {
    const org = await organization({ privateNetworks: true });
    await expect(
      org.tested({ provider: "postgres", connectionString: "mysql://nope" }),
    ).rejects.toMatchObject({
      data: { code: "invalid_config", fields: [expect.objectContaining({ field: "connectionString" })] },
    });
    expect(await org.audited()).toEqual([]);
  });
});
