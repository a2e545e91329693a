// Wrong fields, unreachable hosts, wrong credentials, a Secrets Manager outage, missing or corrupted
// secrets, hostile table names, too many calls: a coded error each, and the saved configuration untouched.
import {
  PutSecretValueCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { startBackend, createUser, deploymentEnv, demoConfigs, type SecretStore } from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

async function connectedOrganization(store: SecretStore = "secrets_manager", provider = "neon") {
  Object.assign(process.env, await deploymentEnv(cloud, store));
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  await owner.as.action(api.private.dataSourceActions.save, {
    organizationId,
    config: demoConfigs(cloud)[provider]!,
  });
  const get = () => owner.as.query(api.private.dataSources.get, { organizationId });
  const testConnection = () =>
    owner.as.action(api.private.dataSourceActions.testConnection, { organizationId });
  return { t, owner, organizationId, get, testConnection };
}

function secretsManager() {
  return new SecretsManagerClient({
    endpoint: cloud.cloud.url,
    region: cloud.demo.aurora.region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

describe("saving a configuration", () => {
  it("names every bad field and keeps the saved configuration", async () => {
    const { owner, organizationId, get } = await connectedOrganization();
    const before = await get();
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: { provider: "aurora_data_api", resourceArn: "arn:nope", database: "" },
      }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_config",
        fields: expect.arrayContaining([
          expect.objectContaining({ field: "resourceArn" }),
          expect.objectContaining({ field: "secretArn" }),
          expect.objectContaining({ field: "database" }),
        ]),
      },
    });
    await expect(
      owner.as.action(api.private.dataSourceActions.save, { organizationId, config: { provider: "mysql" } }),
    ).rejects.toMatchObject({ data: { code: "invalid_config", fields: [{ field: "provider" }] } });
    expect(await get()).toEqual(before);
  });

  it("a Secrets Manager outage fails the save and keeps the previous configuration", async () => {
    const { owner, organizationId, get, testConnection } = await connectedOrganization();
    const before = await get();
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // nothing listens there
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).postgres!,
      }),
    ).rejects.toMatchObject({ data: { code: "secret_store_unavailable", retryable: true } });
    expect(await get()).toEqual(before);
    process.env.AWS_ENDPOINT_URL = cloud.cloud.url;
    expect(await testConnection()).toMatchObject({ kind: "connected" });
  });

  it("without AWS or an encryption key, saving says what to configure", async () => {
    Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
    delete process.env.DATA_SOURCE_ENCRYPTION_KEY;
    const t = await startBackend();
    const owner = await createUser(t, "owner@shop.test");
    const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
    await expect(
      owner.as.action(api.private.dataSourceActions.save, {
        organizationId,
        config: demoConfigs(cloud).neon!,
      }),
    ).rejects.toMatchObject({
      data: { code: "not_configured", message: expect.stringMatching(/DATA_SOURCE_ENCRYPTION_KEY/) },
    });
    expect(await owner.as.query(api.private.dataSources.get, { organizationId })).toBeNull();
  });
});

describe("testing a connection", () => {
  it("an unreachable host is a network failure, recorded as the status", async () => {
    const { owner, organizationId, get, testConnection } = await connectedOrganization();
    await owner.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: { provider: "postgres", connectionString: "postgresql://shop:pw@127.0.0.1:9/shop" },
    });
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "network", retryable: true },
    });
    expect((await get())?.status).toMatchObject({ kind: "failing", error: { code: "network" } });
  });

  // Wrong passwords cannot be shown here: PGlite and the test server trust every login. A credentials
  // secret that does not exist is the Data API's equivalent, and is named as such.
  it("a database credentials secret that does not exist is not_found", async () => {
    const { owner, organizationId, testConnection } = await connectedOrganization();
    const aurora = demoConfigs(cloud).aurora_data_api!;
    await owner.as.action(api.private.dataSourceActions.save, {
      organizationId,
      config: {
        ...aurora,
        secretArn: cloud.demo.aurora.secretArn.replace(/secret:.*/, "secret:no-such-login"),
      },
    });
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "not_found", message: expect.stringMatching(/secret/i) },
    });
  });

  it("a secret deleted behind our back is secret_missing, never another database", async () => {
    const { organizationId, testConnection, get } = await connectedOrganization();
    await secretsManager().send(
      new DeleteSecretCommand({
        SecretId: `tenant/${organizationId}/database`,
        ForceDeleteWithoutRecovery: true,
      }),
    );
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_missing" } });
    expect((await get())?.status).toMatchObject({ kind: "failing", error: { code: "secret_missing" } });
  });

  it("a secret that is not a configuration is secret_corrupted", async () => {
    const { organizationId, testConnection } = await connectedOrganization();
    await secretsManager().send(
      new PutSecretValueCommand({ SecretId: `tenant/${organizationId}/database`, SecretString: "{not json" }),
    );
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_corrupted" } });
  });

  it("a Secrets Manager outage is secret_store_unavailable", async () => {
    const { testConnection } = await connectedOrganization();
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: { code: "secret_store_unavailable" },
    });
    process.env.AWS_ENDPOINT_URL = cloud.cloud.url;
  });

  it("an encrypted config opened with another key, or tampered with, is secret_corrupted", async () => {
    const { t, testConnection } = await connectedOrganization("encrypted_table");
    const key = process.env.DATA_SOURCE_ENCRYPTION_KEY;
    process.env.DATA_SOURCE_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(await testConnection()).toMatchObject({
      kind: "failing",
      error: {
        code: "secret_corrupted",
        message: expect.stringMatching(/different DATA_SOURCE_ENCRYPTION_KEY/),
      },
    });
    process.env.DATA_SOURCE_ENCRYPTION_KEY = key;
    await t.run(async (ctx) => {
      const row = (await ctx.db.query("encryptedSecrets").first())!;
      const bytes = Buffer.from(row.ciphertext, "base64");
      bytes[0] = bytes[0]! ^ 1;
      await ctx.db.patch(row._id, { ciphertext: bytes.toString("base64") });
    });
    expect(await testConnection()).toMatchObject({ kind: "failing", error: { code: "secret_corrupted" } });
  });
});

describe("previewing a table", () => {
  it.each([
    ["a table that does not exist", "public", "no_such_table"],
    ["an injection attempt", "public", 'orders"; DROP TABLE public.customers; --'],
    ["a hostile schema", "pg_catalog", "pg_authid"],
  ])("%s is not_found and nothing runs", async (_, schema, table) => {
    const { owner, organizationId } = await connectedOrganization();
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { organizationId, schema, table }),
    ).rejects.toMatchObject({ data: { code: "not_found" } });
    const customers = await owner.as.action(api.private.dataSourceActions.previewRows, {
      organizationId,
      schema: "public",
      table: "customers",
    });
    expect(customers.rows.length).toBeGreaterThan(0);
  });

  it("a bad cursor or limit is invalid_input", async () => {
    const { owner, organizationId } = await connectedOrganization();
    const table = { organizationId, schema: "public", table: "orders" };
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { ...table, cursor: "garbage" }),
    ).rejects.toMatchObject({ data: { code: "invalid_input" } });
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, { ...table, limit: 5000 }),
    ).rejects.toMatchObject({ data: { code: "invalid_input" } });
  });
});

describe("rate limits", () => {
  it("too many connection tests per organization are refused with the wait", async () => {
    const { testConnection } = await connectedOrganization();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await testConnection());
    expect(results.every((r) => r.kind === "connected")).toBe(true);
    await expect(testConnection()).rejects.toMatchObject({
      data: { code: "rate_limited", retryAfterMs: expect.any(Number) },
    });
  });
});
