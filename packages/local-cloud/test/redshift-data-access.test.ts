import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ResourceNotFoundException,
  ValidationException,
} from "@aws-sdk/client-redshift-data";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  execute,
  fetchAll,
  run,
  startRedshiftHarness,
  waitForStatus,
  type RedshiftHarness,
} from "./redshift-data-harness.ts";

describe("Redshift Data API emulator: targets, credentials and bad requests", () => {
  let harness: RedshiftHarness;
  let clusterIdentifier: string;
  let workgroupName: string;
  let database: string;
  let secretArn: string;

  beforeAll(async () => {
    harness = await startRedshiftHarness();
    ({ clusterIdentifier, workgroupName, database, secretArn } = harness.demo.redshift);
  });
  afterAll(async () => {
    await harness.close();
  });
  afterEach(() => {
    Object.assign(harness.cloud.settings.redshiftData, harness.baseline);
  });

  const send = (input: Record<string, unknown>) =>
    harness.client.send(new ExecuteStatementCommand({ Sql: "SELECT 1", ...input }));

  it("runs on a serverless workgroup with a Secrets Manager secret", async () => {
    const output = await send({
      WorkgroupName: workgroupName,
      Database: database,
      SecretArn: secretArn,
      Sql: "SELECT current_user AS who, current_database() AS db",
    });
    expect(output).toMatchObject({ WorkgroupName: workgroupName, Database: database, SecretArn: secretArn });
    expect(output.ClusterIdentifier).toBeUndefined();
    expect(output.CreatedAt).toBeInstanceOf(Date);
    const described = await waitForStatus(harness, output.Id!);
    expect(described).toMatchObject({
      Status: "FINISHED",
      WorkgroupName: workgroupName,
      SecretArn: secretArn,
    });
    const secret = JSON.parse(harness.cloud.secrets.currentValue(secretArn)!) as { username: string };
    const { records } = await fetchAll(harness, output.Id!);
    expect(records).toEqual([[{ stringValue: secret.username }, { stringValue: database }]]);
  });

  it("runs on a provisioned cluster with a secret, with a DbUser, or with the caller's IAM identity", async () => {
    for (const credentials of [{ SecretArn: secretArn }, { DbUser: "postgres" }, {}]) {
      const output = await send({
        ClusterIdentifier: clusterIdentifier,
        Database: database,
        Sql: "SELECT current_user",
        ...credentials,
      });
      expect(output.ClusterIdentifier).toBe(clusterIdentifier);
      expect(output.DbUser).toBe("DbUser" in credentials ? "postgres" : undefined);
      expect((await waitForStatus(harness, output.Id!)).Status).toBe("FINISHED");
      expect((await fetchAll(harness, output.Id!)).records).toEqual([[{ stringValue: "postgres" }]]);
    }
  });

  // PGlite accepts every user name; a real server refuses unknown roles.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "reports a login the database refuses as a FAILED statement",
    async () => {
      const id = await execute(harness, { DbUser: "no_such_role_here", Sql: "SELECT 1" });
      const described = await waitForStatus(harness, id);
      expect(described).toMatchObject({
        Status: "FAILED",
        Error: 'FATAL: role "no_such_role_here" does not exist',
      });
    },
  );

  it("rejects unknown clusters, workgroups and secrets, and impossible combinations", async () => {
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [
        { ClusterIdentifier: "nope", Database: database, DbUser: "postgres" },
        "Redshift endpoint doesn't exist in this region.",
      ],
      [
        { WorkgroupName: "nope", Database: database, SecretArn: secretArn },
        "Redshift endpoint doesn't exist in this region.",
      ],
      [
        { Database: database, DbUser: "postgres" },
        "Either ClusterIdentifier or WorkgroupName needs to be specified.",
      ],
      [
        { ClusterIdentifier: clusterIdentifier, WorkgroupName: workgroupName, Database: database },
        /not both/,
      ],
      [{ WorkgroupName: workgroupName, Database: database, DbUser: "postgres" }, /DbUser/],
      [
        {
          ClusterIdentifier: clusterIdentifier,
          Database: database,
          DbUser: "postgres",
          SecretArn: secretArn,
        },
        /not both/,
      ],
      [{ ClusterIdentifier: clusterIdentifier, DbUser: "postgres" }, /Database/],
      [
        {
          ClusterIdentifier: clusterIdentifier,
          Database: database,
          SecretArn: "arn:aws:secretsmanager:us-east-1:000000000000:secret:missing-AbCdEf",
        },
        /can't find the specified secret/,
      ],
    ];
    for (const [input, message] of cases) {
      const error = await send(input).catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(ValidationException);
      expect((error as Error).message).toMatch(message);
    }
    const secret = harness.cloud.secrets.create({ name: "rs/no-password", versions: [], tags: [] });
    harness.cloud.secrets.addVersion(secret, { secretString: JSON.stringify({ username: "postgres" }) });
    await expect(
      send({ ClusterIdentifier: clusterIdentifier, Database: database, SecretArn: secret.arn }),
    ).rejects.toThrow("username and password in secret cannot be empty");
  });

  it("answers unknown and malformed statement ids like the service", async () => {
    const unknown = "0b6e3c0a-6f3c-4c51-9f5e-6e7b8a9c0d1e";
    const notFound = await harness.client
      .send(new DescribeStatementCommand({ Id: unknown }))
      .catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect(notFound).toMatchObject({ message: "Query does not exist.", ResourceId: unknown });
    await expect(
      harness.client.send(new GetStatementResultCommand({ Id: `${unknown}:2` })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const malformed = await harness.client
      .send(new DescribeStatementCommand({ Id: "InvalidStatementId" }))
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(ValidationException);
    expect((malformed as Error).message).toMatch(/^id must satisfy regex pattern:/);
    // A single statement has no sub-statements.
    const id = await run(harness, { Sql: "SELECT 1" });
    await expect(harness.client.send(new DescribeStatementCommand({ Id: `${id}:1` }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("answers malformed requests with SerializationException or ValidationException, never a crash", async () => {
    const post = async (target: string, body: string) => {
      const response = await fetch(harness.cloud.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `RedshiftData.${target}` },
        body,
      });
      return {
        status: response.status,
        body: (await response.json()) as { __type: string; message: string },
      };
    };
    expect(await post("ExecuteStatement", "{not json")).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect(await post("ExecuteStatement", "[1, 2]")).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect(
      await post(
        "ExecuteStatement",
        JSON.stringify({ Sql: 42, ClusterIdentifier: clusterIdentifier, Database: database }),
      ),
    ).toMatchObject({ status: 400, body: { __type: "SerializationException" } });
    expect(
      await post(
        "ExecuteStatement",
        JSON.stringify({ ClusterIdentifier: clusterIdentifier, Database: database }),
      ),
    ).toMatchObject({
      status: 400,
      body: { __type: "ValidationException", message: expect.stringContaining("'Sql'") as string },
    });
    expect(
      await post(
        "ExecuteStatement",
        JSON.stringify({
          Sql: "SELECT 1",
          ClusterIdentifier: clusterIdentifier,
          Database: database,
          Parameters: "x",
        }),
      ),
    ).toMatchObject({ status: 400, body: { __type: "SerializationException" } });
    expect(
      await post(
        "BatchExecuteStatement",
        JSON.stringify({ Sqls: [], ClusterIdentifier: clusterIdentifier, Database: database }),
      ),
    ).toMatchObject({ status: 400, body: { __type: "ValidationException" } });
    expect(await post("DescribeStatement", JSON.stringify({ Id: 7 }))).toMatchObject({
      status: 400,
      body: { __type: "SerializationException" },
    });
    expect(await post("ListStatements", JSON.stringify({ MaxResults: 1000 }))).toMatchObject({
      status: 400,
      body: { __type: "ValidationException" },
    });
    expect(await post("DropEverything", "{}")).toMatchObject({
      status: 400,
      body: { __type: "UnknownOperationException" },
    });
    // Still serving.
    expect(await run(harness, { Sql: "SELECT 1" })).toMatch(/-/);
  });

  it("keeps a session's connection between statements (SessionKeepAliveSeconds / SessionId)", async () => {
    const opened = await send({
      ClusterIdentifier: clusterIdentifier,
      Database: database,
      DbUser: "postgres",
      SessionKeepAliveSeconds: 60,
      Sql: "CREATE TEMP TABLE rs_session_tmp AS SELECT 7 AS n",
    });
    expect(opened.SessionId).toMatch(/-/);
    expect((await waitForStatus(harness, opened.Id!)).Status).toBe("FINISHED");

    const reused = await harness.client.send(
      new ExecuteStatementCommand({
        SessionId: opened.SessionId,
        Sql: "SELECT n, pg_backend_pid() AS pid FROM rs_session_tmp",
      }),
    );
    const described = await waitForStatus(harness, reused.Id!);
    expect(described.Error).toBeUndefined();
    expect(described).toMatchObject({
      Status: "FINISHED",
      SessionId: opened.SessionId,
      ClusterIdentifier: clusterIdentifier,
      Database: database,
    });
    const { records } = await fetchAll(harness, reused.Id!);
    expect(records[0]![0]).toEqual({ longValue: 7 });
    expect(records[0]![1]).toEqual({ longValue: described.RedshiftPid });

    if (harness.postgres.kind === "postgres-server") {
      // Other statements get other sessions, where the temporary table does not exist.
      const elsewhere = await waitForStatus(
        harness,
        await execute(harness, { Sql: "SELECT n FROM rs_session_tmp" }),
      );
      expect(elsewhere).toMatchObject({
        Status: "FAILED",
        Error: 'ERROR: relation "rs_session_tmp" does not exist',
      });
    }

    harness.cloud.settings.redshiftData.executionDelayMs = 800;
    const busy = await harness.client.send(
      new ExecuteStatementCommand({ SessionId: opened.SessionId, Sql: "SELECT 1" }),
    );
    await expect(
      harness.client.send(new ExecuteStatementCommand({ SessionId: opened.SessionId, Sql: "SELECT 2" })),
    ).rejects.toThrow(/busy/);
    await waitForStatus(harness, busy.Id!);
    await expect(
      harness.client.send(
        new ExecuteStatementCommand({
          SessionId: opened.SessionId,
          ClusterIdentifier: clusterIdentifier,
          Sql: "SELECT 1",
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      harness.client.send(
        new ExecuteStatementCommand({ SessionId: "6d1f3c1e-0000-4000-8000-000000000000", Sql: "SELECT 1" }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it("returns the same statement for a repeated ClientToken", async () => {
    const first = await send({
      ClusterIdentifier: clusterIdentifier,
      Database: database,
      DbUser: "postgres",
      ClientToken: "rs-token-1",
    });
    const again = await send({
      ClusterIdentifier: clusterIdentifier,
      Database: database,
      DbUser: "postgres",
      ClientToken: "rs-token-1",
    });
    const other = await send({
      ClusterIdentifier: clusterIdentifier,
      Database: database,
      DbUser: "postgres",
      ClientToken: "rs-token-2",
    });
    expect(again.Id).toBe(first.Id);
    expect(other.Id).not.toBe(first.Id);
  });
});
