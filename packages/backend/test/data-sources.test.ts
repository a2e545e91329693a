// Each provider end to end through the local cloud: save → test → list → preview → disconnect, with
// every client-facing result and log line scanned for the secret.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { api, internal } from "../convex/_generated/api.js";
import {
  startBackend,
  createUser,
  deploymentEnv,
  demoConfigs,
  grantPrivateNetworks,
  type SecretStore,
} from "./support/backend.ts";

let cloud: TestCloud;
const seen: string[] = []; // every result a client got and every console line, for the secret scan

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      seen.push(
        args
          .map((a) => (a instanceof Error ? `${a.message} ${String(a.cause)}` : JSON.stringify(a)))
          .join(" "),
      );
      original(...args);
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await cloud?.stop();
});

function secretsManager() {
  return new SecretsManagerClient({
    endpoint: cloud.cloud.url,
    region: cloud.demo.aurora.region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

const CASES: { provider: string; store: SecretStore }[] = [
  { provider: "neon", store: "secrets_manager" },
  { provider: "postgres", store: "secrets_manager" },
  { provider: "aurora_data_api", store: "secrets_manager" },
  { provider: "redshift (serverless)", store: "secrets_manager" },
  { provider: "redshift (cluster)", store: "secrets_manager" },
  { provider: "neon", store: "encrypted_table" },
  { provider: "aurora_data_api", store: "encrypted_table" },
];

describe.each(CASES)("$provider, secret in $store", ({ provider, store }) => {
  it("save → test → list → preview → disconnect", async () => {
    Object.assign(process.env, await deploymentEnv(cloud, store));
    const t = await startBackend();
    const owner = await createUser(t, "owner@shop.test");
    const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
    await grantPrivateNetworks(t, organizationId);
    const config = demoConfigs(cloud)[provider]!;
    const record = <T>(value: T): T => {
      seen.push(JSON.stringify(value));
      return value;
    };

    const summary = record(
      await owner.as.action(api.private.dataSourceActions.save, { organizationId, config }),
    );
    expect(summary.provider).toBe(config.provider);
    expect(summary.database).toBe(cloud.demo.database);
    const saved = record(await owner.as.query(api.private.dataSources.get, { organizationId }));
    expect(saved).toMatchObject({ storage: store, status: { kind: "untested" }, platformDefault: false });

    // Where the secret went, and only there.
    const name = `tenant/${organizationId}/database`;
    const encryptedRows = await t.run((ctx) => ctx.db.query("encryptedSecrets").collect());
    if (store === "secrets_manager") {
      const secret = await secretsManager().send(new GetSecretValueCommand({ SecretId: name }));
      expect(JSON.parse(secret.SecretString!)).toMatchObject({ provider: config.provider });
      expect(encryptedRows).toHaveLength(0);
    } else {
      await expect(secretsManager().send(new GetSecretValueCommand({ SecretId: name }))).rejects.toThrow(
        /can't find|not found/i,
      );
      expect(encryptedRows).toHaveLength(1);
      expect(JSON.stringify(encryptedRows)).not.toContain(
        config.provider === "neon" ? "postgres" : "arn:aws",
      );
    }

    const test = record(
      await owner.as.action(api.private.dataSourceActions.testConnection, { organizationId }),
    );
    expect(test).toMatchObject({ kind: "connected" });
    expect(record(await owner.as.query(api.private.dataSources.get, { organizationId }))?.status.kind).toBe(
      "connected",
    );

    const tables = record(
      await owner.as.action(api.private.dataSourceActions.listTables, { organizationId }),
    );
    const orders = tables.find((table) => table.schema === "public" && table.name === "orders");
    expect(orders).toMatchObject({ primaryKey: ["id"], policy: { kind: "private" }, policyIsSaved: false });
    expect(orders?.suggestion.policy).toMatchObject({ kind: "customer", ownerColumn: "email" });
    expect(tables.find((table) => table.name === "products")?.suggestion.policy.kind).toBe("public");

    const first = record(
      await owner.as.action(api.private.dataSourceActions.previewRows, {
        organizationId,
        schema: "public",
        table: "orders",
        limit: 5,
      }),
    );
    expect(first.rows).toHaveLength(5);
    const idColumn = first.columns.findIndex((column) => column.name === "id");
    const second = record(
      await owner.as.action(api.private.dataSourceActions.previewRows, {
        organizationId,
        schema: "public",
        table: "orders",
        limit: 5,
        cursor: first.nextCursor,
      }),
    );
    const ids = [...first.rows, ...second.rows].map((row) => row[idColumn] as string);
    expect(new Set(ids).size).toBe(10); // keyset paging: no overlap between pages

    const audit = record(
      await owner.as.query(api.private.auditLog.list, {
        organizationId,
        paginationOpts: { numItems: 20, cursor: null },
      }),
    );
    expect(audit.page.map((event) => event.operation)).toEqual([
      "preview_rows",
      "preview_rows",
      "test_connection",
      "save_config",
    ]);
    expect(audit.page[0]).toMatchObject({ table: "public.orders", rowCount: 5, outcome: { kind: "ok" } });

    // Nothing scheduled carries the config (only ids travel through the scheduler).
    const scheduled = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    seen.push(JSON.stringify(scheduled));

    await owner.as.action(api.private.dataSourceActions.disconnect, { organizationId });
    expect(await owner.as.query(api.private.dataSources.get, { organizationId })).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("encryptedSecrets").collect())).toHaveLength(0);
    await expect(secretsManager().send(new GetSecretValueCommand({ SecretId: name }))).rejects.toThrow();
    // Every use stops at once: no cached config survives a disconnect.
    await expect(
      owner.as.action(api.private.dataSourceActions.previewRows, {
        organizationId,
        schema: "public",
        table: "orders",
      }),
    ).rejects.toMatchObject({ data: { code: "not_configured" } });
  });
});

describe("the secret never leaves the backend", () => {
  it("no result or log line contains a password, connection string or ARN secret value", () => {
    expect(seen.length).toBeGreaterThan(30);
    const everything = seen.join("\n");
    expect(everything).not.toContain(cloud.demo.connectionString);
    expect(everything).not.toContain(new URL(cloud.demo.connectionString).password);
    expect(everything).not.toContain(cloud.demo.aurora.secretArn);
  });

  it("the demo organization alone may be labelled as using the platform database", async () => {
    Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
    const t = await startBackend();
    const owner = await createUser(t, "owner@shop.test");
    const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Not demo" });
    await expect(
      t.mutation(internal.system.dataSourceRecords.recordSaved, {
        organizationId,
        userId: owner.userId,
        summary: { provider: "neon", location: "h", database: "d", region: null },
        storage: "secrets_manager",
        sealed: null,
        platformDefault: true,
      }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
  });
});
