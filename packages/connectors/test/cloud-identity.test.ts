import { externalIdTrustPolicy, LOCAL_PLATFORM } from "@answerbase/local-cloud";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../src/create-connector.ts";
import type { Connector } from "../src/core/connector.ts";
import type { ConnectorEnvironment } from "../src/environment.ts";
import { failureOf } from "./support/pg-reference.ts";

/**
 * Tenant cloud identity through the real connectors and the local cloud's STS and IAM: each
 * organization's Data API calls run as the role in its own AWS account, assumed with its
 * organization id as external id. Two tenants, A and B, each with an account, a cluster, a
 * workgroup, a credentials secret and a role trusting the platform with its own organization id.
 */

interface Tenant {
  organizationId: string;
  accountId: string;
  roleArn: string;
  clusterArn: string;
  workgroupName: string;
  secretArn: string;
}

let stack: TestCloud;
let a: Tenant;
let b: Tenant;

function tenant(organizationId: string, name: string): Tenant {
  const { accountId } = stack.cloud.iam.createAccount();
  const clusterArn = `arn:aws:rds:us-east-1:${accountId}:cluster:${name}`;
  stack.cloud.resources.addAuroraCluster({ resourceArn: clusterArn });
  stack.cloud.resources.addRedshift({ workgroupName: name, accountId });
  const url = new URL(stack.demo.connectionString);
  const secret = stack.cloud.secrets.create(
    { name: `${name}/login`, versions: [], tags: [] },
    "us-east-1",
    accountId,
  );
  stack.cloud.secrets.addVersion(secret, {
    secretString: JSON.stringify({
      username: decodeURIComponent(url.username) || "postgres",
      password: decodeURIComponent(url.password) || "local-password",
    }),
  });
  const role = stack.cloud.iam.putRole({
    accountId,
    roleName: "answerbase-access",
    trustPolicy: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, [organizationId]),
  });
  return {
    organizationId,
    accountId,
    roleArn: role.arn,
    clusterArn,
    workgroupName: name,
    secretArn: secret.arn,
  };
}

/** The backend's environment for `organizationId`: the platform's credentials, the local cloud. */
const environmentOf = (organizationId: string): ConnectorEnvironment => ({
  network: "private_networks",
  tenant: { organizationId },
  aws: { endpoint: stack.cloud.url, region: "us-east-1", credentials: LOCAL_PLATFORM.credentials },
});

const aurora = (t: { clusterArn: string; secretArn: string; roleArn: string }) => ({
  provider: "aurora_data_api",
  resourceArn: t.clusterArn,
  secretArn: t.secretArn,
  database: stack.demo.database,
  roleArn: t.roleArn,
});
const redshift = (t: { workgroupName: string; secretArn: string; roleArn: string }) => ({
  provider: "redshift",
  workgroupName: t.workgroupName,
  secretArn: t.secretArn,
  database: stack.demo.database,
  roleArn: t.roleArn,
});

async function withConnector<T>(
  config: unknown,
  organizationId: string,
  use: (connector: Connector) => Promise<T>,
): Promise<T> {
  const connector = createConnector(config, environmentOf(organizationId));
  try {
    return await use(connector);
  } finally {
    await connector.close();
  }
}

const testOf = (config: unknown, organizationId: string) =>
  withConnector(config, organizationId, (connector) => connector.test({ timeoutMs: 10_000 }));

beforeAll(async () => {
  stack = await startTestCloud();
  a = tenant("org_tenant_a", "tenant-a");
  b = tenant("org_tenant_b", "tenant-b");
});

afterAll(() => stack?.stop());

describe.each([
  { name: "aurora_data_api", config: aurora },
  { name: "redshift (data api)", config: redshift },
])("$name: each organization reaches only its own account", ({ config }) => {
  it("connects through the organization's own role, assumed once and reused", async () => {
    const before = stack.cloud.iam.sessionsOf(a.roleArn).length;
    await withConnector(config(a), a.organizationId, async (connector) => {
      await connector.test();
      const { rows } = await connector.query("SELECT 1 AS one", [], { allowedTables: [] });
      expect(rows).toEqual([{ one: 1 }]);
      await connector.listTables();
    });
    const sessions = stack.cloud.iam.sessionsOf(a.roleArn).slice(before);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ externalId: "org_tenant_a", sessionName: "answerbase-org_tenant_a" });
    const lifetime = sessions[0]!.expiration.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(55 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
  });

  it("cannot use tenant B's role with tenant A's organization id", async () => {
    const failure = await failureOf(testOf(config(b), a.organizationId));
    expect(failure.code).toBe("permission");
    expect(failure.message).toContain(b.roleArn);
    expect(failure.message).toMatch(/trust policy/);
    expect(failure.message).toContain('sts:ExternalId = "org_tenant_a"');
  });

  it("B's assumed role cannot reach A's cluster or A's secret", async () => {
    const crossCluster =
      config === aurora ? { ...b, clusterArn: a.clusterArn } : { ...b, workgroupName: a.workgroupName };
    const cluster = await failureOf(testOf(config(crossCluster), b.organizationId));
    // An ARN in another account is refused; a workgroup name is looked up in B's own account.
    expect(cluster.code).toBe(config === aurora ? "permission" : "not_found");
    const secret = await failureOf(testOf(config({ ...b, secretArn: a.secretArn }), b.organizationId));
    expect(secret.code).toBe("permission");
    expect(secret.message).toContain(b.roleArn);
    // B's own resources still work.
    expect((await testOf(config(b), b.organizationId)).database).toBe(stack.demo.database);
  });
});

describe("the platform's identity", () => {
  it("a connector without the organization id refuses to start rather than use the platform's credentials", () => {
    expect(() =>
      createConnector(aurora(a), {
        aws: { endpoint: stack.cloud.url, credentials: LOCAL_PLATFORM.credentials },
      }),
    ).toThrow(/organization id/);
  });

  it("a session AWS no longer accepts is dropped, and the next call assumes the role again", async () => {
    await withConnector(aurora(a), a.organizationId, async (connector) => {
      await connector.test();
      for (const session of stack.cloud.iam.sessionsOf(a.roleArn))
        session.expiration = new Date(Date.now() - 1);
      expect((await failureOf(connector.test())).code).toBe("auth");
      expect((await connector.test()).database).toBe(stack.demo.database);
    });
  });
});
