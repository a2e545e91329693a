import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { ExecuteStatementCommand, RDSDataClient } from "@aws-sdk/client-rds-data";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand as RedshiftExecute,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalIdTrustPolicy } from "../src/iam/trust-policy.ts";
import { LOCAL_PLATFORM } from "../src/iam/iam-registry.ts";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** One tenant: its own account (root credentials), cluster, workgroup, secret and role for the platform. */
interface Tenant {
  organizationId: string;
  root: Credentials;
  accountId: string;
  clusterArn: string;
  workgroupName: string;
  secretArn: string;
  roleArn: string;
}

describe("STS and IAM: tenant roles and the confused deputy", () => {
  let stack: TestCloud;
  let a: Tenant;
  let b: Tenant;
  const region = "us-east-1";
  const config = (credentials: Credentials) => ({
    endpoint: stack.cloud.url,
    region,
    credentials,
    maxAttempts: 1,
  });
  const sts = (credentials: Credentials = LOCAL_PLATFORM.credentials) => new STSClient(config(credentials));
  const assume = (tenant: Tenant, externalId: string | undefined) =>
    sts().send(
      new AssumeRoleCommand({
        RoleArn: tenant.roleArn,
        RoleSessionName: `answerbase-${externalId ?? "none"}`,
        ExternalId: externalId,
        DurationSeconds: 900,
      }),
    );
  const assumed = async (tenant: Tenant): Promise<Credentials> => {
    const { Credentials } = await assume(tenant, tenant.organizationId);
    return {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
  };

  /** What a tenant does in its own account: a cluster and secret exist, and it creates the role over IAM. */
  async function tenant(organizationId: string, name: string): Promise<Tenant> {
    // The local cloud's admin route hands out an account's root credentials (a tenant's own login).
    const response = await fetch(`${stack.cloud.url}/__iam/accounts`, { method: "POST", body: "{}" });
    const account = (await response.json()) as {
      accountId: string;
      accessKeyId: string;
      secretAccessKey: string;
    };
    const root = { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
    const clusterArn = `arn:aws:rds:${region}:${account.accountId}:cluster:${name}`;
    stack.cloud.resources.addAuroraCluster({ resourceArn: clusterArn });
    stack.cloud.resources.addRedshift({ workgroupName: name, accountId: account.accountId });
    const login = JSON.stringify({ username: "postgres", password: "local-password" });
    const secret = await new SecretsManagerClient(config(root)).send(
      new CreateSecretCommand({ Name: `${name}/login`, SecretString: login }),
    );
    const role = await new IAMClient(config(root)).send(
      new CreateRoleCommand({
        RoleName: "answerbase-access",
        AssumeRolePolicyDocument: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, [organizationId]),
      }),
    );
    return {
      organizationId,
      root,
      accountId: account.accountId,
      clusterArn,
      workgroupName: name,
      secretArn: secret.ARN!,
      roleArn: role.Role!.Arn!,
    };
  }

  const select = (credentials: Credentials, cluster: Tenant, secret: Tenant) =>
    new RDSDataClient(config(credentials)).send(
      new ExecuteStatementCommand({
        resourceArn: cluster.clusterArn,
        secretArn: secret.secretArn,
        database: stack.demo.database,
        sql: "SELECT 1 AS one",
      }),
    );

  beforeAll(async () => {
    stack = await startTestCloud();
    a = await tenant("org_a_111", "tenant-a");
    b = await tenant("org_b_222", "tenant-b");
  });
  afterAll(() => stack?.stop());

  it("CreateRole puts the role in the signer's account, with its trust policy", async () => {
    expect(a.roleArn).toBe(`arn:aws:iam::${a.accountId}:role/answerbase-access`);
    expect(b.accountId).not.toBe(a.accountId);
    const { Role } = await new IAMClient(config(a.root)).send(
      new GetRoleCommand({ RoleName: "answerbase-access" }),
    );
    expect(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).toContain('"sts:ExternalId":["org_a_111"]');
    // The platform cannot manage tenants' roles.
    await expect(
      new IAMClient(config(LOCAL_PLATFORM.credentials)).send(
        new GetRoleCommand({ RoleName: "answerbase-access" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("AssumeRole needs the external id the role trusts: tenant B's role refuses A's organization id", async () => {
    const ok = await assume(b, b.organizationId);
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(ok.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(800_000);
    expect(ok.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${b.accountId}:assumed-role/answerbase-access/answerbase-org_b_222`,
    );
    for (const externalId of [a.organizationId, undefined, "org_b_22"]) {
      await expect(assume(b, externalId)).rejects.toMatchObject({
        name: "AccessDenied",
        message: expect.stringContaining(
          `not authorized to perform: sts:AssumeRole on resource: ${b.roleArn}`,
        ),
        $metadata: { httpStatusCode: 403 },
      });
    }
    await expect(
      assume({ ...b, roleArn: `arn:aws:iam::${b.accountId}:role/no-such-role` }, b.organizationId),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("a role trusts only the account its policy names, and a changed trust policy applies at once", async () => {
    // Tenant A's own root credentials are not the platform's account.
    await expect(
      sts(a.root).send(
        new AssumeRoleCommand({ RoleArn: b.roleArn, RoleSessionName: "x1", ExternalId: b.organizationId }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    const iam = new IAMClient(config(b.root));
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "answerbase-access",
        PolicyDocument: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, ["org_b_new"]),
      }),
    );
    await expect(assume(b, b.organizationId)).rejects.toMatchObject({ name: "AccessDenied" });
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "answerbase-access",
        PolicyDocument: externalIdTrustPolicy(LOCAL_PLATFORM.accountId, [b.organizationId]),
      }),
    );
    expect((await assume(b, b.organizationId)).Credentials).toBeDefined();
  });

  it("assumed credentials reach their own account's cluster and secret, never another account's", async () => {
    const asB = await assumed(b);
    expect((await select(asB, b, b)).records).toEqual([[{ longValue: 1 }]]);
    const identity = await sts(asB).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(b.accountId);

    await expect(select(asB, a, b)).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining(`rds-data:ExecuteStatement on resource: ${a.clusterArn}`),
    });
    await expect(select(asB, b, a)).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining(`secretsmanager:GetSecretValue on resource: ${a.secretArn}`),
    });
    await expect(
      new SecretsManagerClient(config(asB)).send(new GetSecretValueCommand({ SecretId: a.secretArn })),
    ).rejects.toMatchObject({ name: "AccessDeniedException" });

    const redshift = new RedshiftDataClient(config(asB));
    const own = await redshift.send(
      new RedshiftExecute({
        WorkgroupName: b.workgroupName,
        Database: stack.demo.database,
        SecretArn: b.secretArn,
        Sql: "SELECT 1",
      }),
    );
    expect(own.Id).toBeDefined();
    // Workgroup names are per account: A's is unknown in B's account; A's secret is refused.
    await expect(
      redshift.send(
        new RedshiftExecute({
          WorkgroupName: a.workgroupName,
          Database: stack.demo.database,
          SecretArn: b.secretArn,
          Sql: "SELECT 1",
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: "Redshift endpoint doesn't exist in this region.",
    });
    await expect(
      redshift.send(
        new RedshiftExecute({
          WorkgroupName: b.workgroupName,
          Database: stack.demo.database,
          SecretArn: a.secretArn,
          Sql: "SELECT 1",
        }),
      ),
    ).rejects.toMatchObject({ name: "AccessDeniedException" });
    // Another account's statement ids are unknown.
    await expect(
      new RedshiftDataClient(config(await assumed(a))).send(new DescribeStatementCommand({ Id: own.Id! })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("the platform's own credentials only assume roles and use Secrets Manager on tenant/ names", async () => {
    const platform = LOCAL_PLATFORM.credentials;
    await expect(select(platform, a, a)).rejects.toMatchObject({ name: "AccessDeniedException" });
    const secrets = new SecretsManagerClient(config(platform));
    const created = await secrets.send(
      new CreateSecretCommand({ Name: "tenant/org_a_111/database", SecretString: "{}" }),
    );
    expect(created.ARN).toContain(`:${LOCAL_PLATFORM.accountId}:secret:tenant/org_a_111/database-`);
    expect(
      (await secrets.send(new GetSecretValueCommand({ SecretId: "tenant/org_a_111/database" }))).SecretString,
    ).toBe("{}");
    for (const secretId of [
      a.secretArn,
      stack.demo.aurora.secretArn,
      "answerbase-demo/database-credentials",
    ]) {
      await expect(secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).rejects.toMatchObject({
        name: "AccessDeniedException",
      });
    }
    await expect(
      secrets.send(new CreateSecretCommand({ Name: "other/x", SecretString: "{}" })),
    ).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    await expect(secrets.send(new ListSecretsCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
  });

  it("refuses forged, tokenless and expired temporary credentials", async () => {
    const asA = await assumed(a);
    await expect(select({ ...asA, sessionToken: "forged" }, a, a)).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
    await expect(
      select({ accessKeyId: "ASIAFORGED0000000000", secretAccessKey: "x" }, a, a),
    ).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
    const session = stack.cloud.iam.sessionsOf(a.roleArn).find((s) => s.accessKeyId === asA.accessKeyId)!;
    session.expiration = new Date(Date.now() - 1000);
    await expect(select(asA, a, a)).rejects.toMatchObject({ name: "ExpiredTokenException" });
    await expect(sts(asA).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "ExpiredToken",
    });
  });

  it("validates AssumeRole's input like STS", async () => {
    await expect(
      sts().send(
        new AssumeRoleCommand({ RoleArn: a.roleArn, RoleSessionName: "s", ExternalId: a.organizationId }),
      ),
    ).rejects.toMatchObject({ name: "ValidationError" });
    await expect(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: a.roleArn,
          RoleSessionName: "long",
          ExternalId: a.organizationId,
          DurationSeconds: 7200,
        }),
      ),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("MaxSessionDuration"),
    });
  });
});
