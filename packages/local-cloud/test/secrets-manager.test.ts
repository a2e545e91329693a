import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCloud, type LocalCloud } from "../src/local-cloud.ts";
import { startTestPostgres, type TestPostgres } from "../src/testing/index.ts";

const clientFor = (cloud: LocalCloud) =>
  new SecretsManagerClient({
    endpoint: cloud.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });

describe("Secrets Manager emulator", () => {
  let postgres: TestPostgres;
  let cloud: LocalCloud;
  let client: SecretsManagerClient;
  let stateDir: string;

  beforeAll(async () => {
    postgres = await startTestPostgres({ seed: false });
    stateDir = await mkdtemp(join(tmpdir(), "answerbase-secrets-"));
    cloud = await startLocalCloud({ databaseUrl: postgres.url, secretsFile: join(stateDir, "secrets.json") });
    client = clientFor(cloud);
  });
  afterAll(async () => {
    await cloud.stop();
    await postgres.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  const tenantSecret = { provider: "neon", connectionString: "postgresql://u:p@ep-1.example/db" };

  it("creates, reads by name and by ARN, and refuses duplicates", async () => {
    const created = await client.send(
      new CreateSecretCommand({ Name: "tenant/org_1/database", SecretString: JSON.stringify(tenantSecret) }),
    );
    expect(created.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:tenant\/org_1\/database-\w{6}$/,
    );
    for (const id of ["tenant/org_1/database", created.ARN!]) {
      const value = await client.send(new GetSecretValueCommand({ SecretId: id }));
      expect(JSON.parse(value.SecretString!)).toEqual(tenantSecret);
      expect(value.VersionStages).toEqual(["AWSCURRENT"]);
      expect(value.CreatedDate).toBeInstanceOf(Date);
    }
    await expect(
      client.send(new CreateSecretCommand({ Name: "tenant/org_1/database", SecretString: "{}" })),
    ).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it("keeps versions: a new value becomes AWSCURRENT and the old one AWSPREVIOUS", async () => {
    const put = await client.send(
      new PutSecretValueCommand({
        SecretId: "tenant/org_1/database",
        SecretString: '{"provider":"postgres"}',
      }),
    );
    const current = await client.send(new GetSecretValueCommand({ SecretId: "tenant/org_1/database" }));
    expect(current.VersionId).toBe(put.VersionId);
    expect(current.SecretString).toBe('{"provider":"postgres"}');
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: "tenant/org_1/database", VersionStage: "AWSPREVIOUS" }),
    );
    expect(JSON.parse(previous.SecretString!)).toEqual(tenantSecret);
    const described = await client.send(new DescribeSecretCommand({ SecretId: "tenant/org_1/database" }));
    expect(Object.values(described.VersionIdsToStages ?? {}).sort()).toEqual([
      ["AWSCURRENT"],
      ["AWSPREVIOUS"],
    ]);
  });

  it("answers ResourceNotFoundException for a missing secret, as AWS does", async () => {
    const error = await client
      .send(new GetSecretValueCommand({ SecretId: "tenant/nobody/database" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe("Secrets Manager can't find the specified secret.");
  });

  it("schedules deletion (value unreadable, restorable) and force-deletes immediately", async () => {
    await client.send(new CreateSecretCommand({ Name: "tenant/org_2/database", SecretString: "{}" }));
    const deleted = await client.send(
      new DeleteSecretCommand({ SecretId: "tenant/org_2/database", RecoveryWindowInDays: 7 }),
    );
    expect(deleted.DeletionDate!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: "tenant/org_2/database" })),
    ).rejects.toBeInstanceOf(InvalidRequestException);
    await client.send(new RestoreSecretCommand({ SecretId: "tenant/org_2/database" }));
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: "tenant/org_2/database" }))).SecretString,
    ).toBe("{}");
    await client.send(
      new DeleteSecretCommand({ SecretId: "tenant/org_2/database", ForceDeleteWithoutRecovery: true }),
    );
    await expect(
      client.send(new DescribeSecretCommand({ SecretId: "tenant/org_2/database" })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists secrets with paging", async () => {
    for (const n of [3, 4, 5]) {
      await client.send(new CreateSecretCommand({ Name: `tenant/org_${n}/database`, SecretString: "{}" }));
    }
    const first = await client.send(new ListSecretsCommand({ MaxResults: 2 }));
    expect(first.SecretList).toHaveLength(2);
    const rest = await client.send(new ListSecretsCommand({ MaxResults: 100, NextToken: first.NextToken }));
    const names = [...first.SecretList!, ...rest.SecretList!].map((s) => s.Name);
    expect(names).toEqual([
      "tenant/org_1/database",
      "tenant/org_3/database",
      "tenant/org_4/database",
      "tenant/org_5/database",
    ]);
  });

  it("rejects bad input with a validation error naming the field, and keeps serving", async () => {
    const response = await fetch(cloud.url, {
      method: "POST",
      headers: {
        "x-amz-target": "secretsmanager.GetSecretValue",
        "content-type": "application/x-amz-json-1.1",
      },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect((await response.json()) as object).toMatchObject({ __type: "SerializationException" });
    const missing = await client
      .send(new GetSecretValueCommand({ SecretId: undefined }))
      .catch((e: unknown) => e);
    expect((missing as Error).name).toBe("InvalidParameterException");
    expect((missing as Error).message).toContain("SecretId");
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: "tenant/org_3/database" }))).SecretString,
    ).toBe("{}");
  });

  it("persists secrets across restarts when given a file", async () => {
    const secretsFile = join(stateDir, "secrets.json");
    await cloud.stop();
    cloud = await startLocalCloud({ databaseUrl: postgres.url, secretsFile });
    client = clientFor(cloud);
    const value = await client.send(new GetSecretValueCommand({ SecretId: "tenant/org_1/database" }));
    expect(value.SecretString).toBe('{"provider":"postgres"}');
  });
});
