import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DataSourceConfig } from "@answerbase/connectors";
import { LOCAL_PLATFORM } from "@answerbase/local-cloud";
import type { TestCloud } from "@answerbase/local-cloud/testing";
import { convexTestFor } from "@answerbase/local-convex/testing";
import { generateDeploymentSecrets } from "../../scripts/deployment-secrets.ts";
import { api, internal } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel";
import schema from "../../convex/schema.ts";

export const CONVEX_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../convex");

/** convex-test on the backend's functions, components included, typed by its schema. */
export function startBackend() {
  return convexTestFor(CONVEX_DIR, schema);
}

export type Backend = Awaited<ReturnType<typeof startBackend>>;
/** What a test calls functions through: the backend itself or `t.withIdentity(...)`. */
export type Caller = Pick<Backend, "query" | "mutation" | "action">;
export type SecretStore = "secrets_manager" | "encrypted_table";

/** The deployment environment a test runs under: the local cloud for AWS and Neon, fresh keys. */
export async function deploymentEnv(cloud: TestCloud, store: SecretStore): Promise<Record<string, string>> {
  return {
    ...(await generateDeploymentSecrets()),
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "http://127.0.0.1:3211",
    ANSWERBASE_SECRET_STORE: store,
    AWS_REGION: cloud.demo.aurora.region,
    AWS_ENDPOINT_URL: cloud.cloud.url,
    // The platform's identity in the local cloud: it may only assume tenants' roles and use tenant/ secrets.
    AWS_ACCESS_KEY_ID: LOCAL_PLATFORM.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_PLATFORM.credentials.secretAccessKey,
    ANSWERBASE_AWS_ACCOUNT_ID: LOCAL_PLATFORM.accountId,
    NEON_FETCH_ENDPOINT: cloud.cloud.endpoints.neonHttp,
    NEON_WS_PROXY: cloud.cloud.endpoints.neonWebSocketProxy,
    NEON_USE_SECURE_WEBSOCKET: "false",
  };
}

/**
 * The operator's private-network grant (`system/networkAccess`): the test database is on this machine,
 * which a tenant's connector may not reach without it (test/egress.test.ts shows the refusal).
 */
export async function grantPrivateNetworks(t: Backend, organizationId: Id<"organizations">) {
  await t.mutation(internal.system.networkAccess.grantPrivateNetworks, { organizationId });
}

/**
 * The demo database through each provider of the local cloud. The Data API ones go through the demo
 * account's role, which the test cloud lets every organization assume (test/cloud-identity.test.ts
 * gives tenants their own accounts and roles).
 */
export function demoConfigs(cloud: TestCloud): Record<string, DataSourceConfig> {
  const { demo } = cloud;
  return {
    neon: { provider: "neon", connectionString: demo.connectionString },
    postgres: { provider: "postgres", connectionString: demo.connectionString },
    aurora_data_api: { provider: "aurora_data_api", ...demo.aurora },
    "redshift (serverless)": {
      provider: "redshift",
      workgroupName: demo.redshift.workgroupName,
      database: demo.redshift.database,
      secretArn: demo.redshift.secretArn,
      region: demo.redshift.region,
      roleArn: demo.redshift.roleArn,
    },
    "redshift (cluster)": {
      provider: "redshift",
      clusterIdentifier: demo.redshift.clusterIdentifier,
      database: demo.redshift.database,
      dbUser: demo.redshift.dbUser,
      region: demo.redshift.region,
      roleArn: demo.redshift.roleArn,
    },
  };
}

/**
 * A user as Convex Auth creates one, and the identity its JWT carries (`subject` = `userId|sessionId`,
 * which is what `getAuthUserId` reads).
 */
export async function createUser(t: Backend, email: string) {
  const userId: Id<"users"> = await t.run((ctx) =>
    ctx.db.insert("users", { email, name: email.split("@")[0] }),
  );
  return { userId, as: t.withIdentity({ subject: `${userId}|test-session`, email }) };
}

/**
 * The demo organization as `pnpm dev` seeds it (`system/demo:seed`): the demo database through Neon,
 * the suggested access policies, the first ingestion started. `owner` calls as its signed-in owner.
 */
export async function seedDemo(t: Backend, cloud: TestCloud) {
  const seeded = await t.action(internal.system.demo.seed, {
    email: "demo@answerbase.test",
    password: "answerbase-demo",
    name: "Demo",
    organizationName: "Brightside Goods (demo)",
    dataSource: demoConfigs(cloud).neon!,
  });
  const owner = t.withIdentity({ subject: `${seeded.userId}|demo-owner` });
  return { organizationId: seeded.organizationId, userId: seeded.userId, owner };
}

/** Waits until no ingestion job of the organization is running (so none still reads when the cloud stops). */
export async function ingestionSettled(owner: Caller, organizationId: Id<"organizations">): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const jobs = await owner.query(api.private.ingestion.list, {
      organizationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    if (jobs.page.every((job) => job.status.kind === "done" || job.status.kind === "failed")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the demo ingestion did not finish within 60 s");
}
