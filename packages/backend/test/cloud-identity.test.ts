// Tenant cloud identity through the backend's functions: an organization's Aurora and Redshift Data
// API calls run as the IAM role in its own AWS account, assumed with its organization id as external
// id, so one tenant can neither use another's role nor name another's cluster or secret.
import { externalIdTrustPolicy, LOCAL_PLATFORM } from "@answerbase/local-cloud";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel";
import { createUser, deploymentEnv, startBackend, type Backend } from "./support/backend.ts";

interface Tenant {
  organizationId: Id<"organizations">;
  owner: Awaited<ReturnType<typeof createUser>>;
  roleArn: string;
  clusterArn: string;
  workgroupName: string;
  secretArn: string;
}

let cloud: TestCloud;
let t: Backend;
let a: Tenant;
let b: Tenant;

/** A new organization, and what its admin sets up in its own AWS account: resources and a role for us. */
async function tenant(email: string, name: string): Promise<Tenant> {
  const owner = await createUser(t, email);
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name });
  const { accountId } = cloud.cloud.iam.createAccount();
  const clusterArn = `arn:aws:rds:us-east-1:${accountId}:cluster:${name}`;
  cloud.cloud.resources.addAuroraCluster({ resourceArn: clusterArn });
  cloud.cloud.resources.addRedshift({ workgroupName: name, accountId });
  const url = new URL(cloud.demo.connectionString);
  const secret = cloud.cloud.secrets.create(
    { name: `${name}/login`, versions: [], tags: [] },
    "us-east-1",
    accountId,
  );
  cloud.cloud.secrets.addVersion(secret, {
    secretString: JSON.stringify({
      username: decodeURIComponent(url.username) || "postgres",
      password: decodeURIComponent(url.password) || "local-password",
    }),
  });
  const role = cloud.cloud.iam.putRole({
    accountId,
    roleName: "answerbase-access",
    trustPolicy: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, [organizationId]),
  });
  return { organizationId, owner, roleArn: role.arn, clusterArn, workgroupName: name, secretArn: secret.arn };
}

const aurora = (x: Pick<Tenant, "clusterArn" | "secretArn" | "roleArn">) => ({
  provider: "aurora_data_api",
  resourceArn: x.clusterArn,
  secretArn: x.secretArn,
  database: cloud.demo.database,
  roleArn: x.roleArn,
});
const redshift = (x: Pick<Tenant, "workgroupName" | "secretArn" | "roleArn">) => ({
  provider: "redshift",
  workgroupName: x.workgroupName,
  secretArn: x.secretArn,
  database: cloud.demo.database,
  roleArn: x.roleArn,
});

/** Saves `config` as `who`'s data source and tests the connection, as the dashboard does. */
async function saveAndTest(who: Tenant, config: Record<string, unknown>) {
  await who.owner.as.action(api.private.dataSourceActions.save, {
    organizationId: who.organizationId,
    config,
  });
  return who.owner.as.action(api.private.dataSourceActions.testConnection, {
    organizationId: who.organizationId,
  });
}

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "secrets_manager"));
  t = await startBackend();
  a = await tenant("owner@a.test", "tenant-a");
  b = await tenant("owner@b.test", "tenant-b");
});

afterAll(() => cloud?.stop());

describe("tenant cloud identity through the backend", () => {
  it("each organization connects Aurora and Redshift through its own role", async () => {
    for (const config of [aurora(a), redshift(a)]) {
      expect(await saveAndTest(a, config)).toMatchObject({ kind: "connected" });
    }
    const tables = await a.owner.as.action(api.private.dataSourceActions.listTables, {
      organizationId: a.organizationId,
    });
    expect(tables.some((table) => table.name === "orders")).toBe(true);
    // One session per connector: the role was assumed with A's organization id, never B's.
    const sessions = cloud.cloud.iam.sessionsOf(a.roleArn);
    expect(sessions.length).toBeGreaterThan(0);
    expect(new Set(sessions.map((s) => s.externalId))).toEqual(new Set([a.organizationId]));
    expect(await saveAndTest(b, aurora(b))).toMatchObject({ kind: "connected" });
  });

  it("tenant A's role cannot be used by organization B (the external id is B's id)", async () => {
    for (const config of [aurora({ ...b, roleArn: a.roleArn }), redshift({ ...b, roleArn: a.roleArn })]) {
      expect(await saveAndTest(b, config)).toMatchObject({
        kind: "failing",
        error: {
          code: "permission",
          message: expect.stringContaining(`sts:ExternalId = "${b.organizationId}"`),
        },
      });
    }
    expect(cloud.cloud.iam.sessionsOf(a.roleArn).every((s) => s.externalId === a.organizationId)).toBe(true);
  });

  it("B's role cannot reach A's cluster, workgroup or credentials secret", async () => {
    expect(await saveAndTest(b, aurora({ ...b, clusterArn: a.clusterArn }))).toMatchObject({
      kind: "failing",
      error: { code: "permission" },
    });
    expect(await saveAndTest(b, aurora({ ...b, secretArn: a.secretArn }))).toMatchObject({
      kind: "failing",
      error: { code: "permission", message: expect.stringContaining(b.roleArn) },
    });
    // Workgroup names are per account: A's does not exist in B's.
    expect(await saveAndTest(b, redshift({ ...b, workgroupName: a.workgroupName }))).toMatchObject({
      kind: "failing",
      error: { code: "not_found" },
    });
    expect(await saveAndTest(b, redshift({ ...b, secretArn: a.secretArn }))).toMatchObject({
      kind: "failing",
      error: { code: "permission" },
    });
    expect(await saveAndTest(b, redshift(b))).toMatchObject({ kind: "connected" });
  });

  it("refuses an Aurora or Data API Redshift config without a role, naming the field", async () => {
    const { roleArn: _omitted, ...withoutRole } = aurora(a);
    await expect(
      a.owner.as.action(api.private.dataSourceActions.save, {
        organizationId: a.organizationId,
        config: withoutRole,
      }),
    ).rejects.toMatchObject({
      data: { code: "invalid_config", fields: [expect.objectContaining({ field: "roleArn" })] },
    });
  });
});
