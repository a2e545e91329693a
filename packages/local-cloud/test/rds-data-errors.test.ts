import {
  BadRequestException,
  BeginTransactionCommand,
  DatabaseErrorException,
  DatabaseResumingException,
  ExecuteStatementCommand,
  HttpEndpointNotEnabledException,
  InvalidSecretException,
  SecretsErrorException,
  StatementTimeoutException,
  UnsupportedResultException,
} from "@aws-sdk/client-rds-data";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAULT_PRESETS } from "../src/http/faults.ts";
import { defaultSettings } from "../src/settings.ts";
import { postRaw, startRdsDataTest, type RdsDataTest } from "./rds-data-helpers.ts";

let test: RdsDataTest;

beforeAll(async () => {
  test = await startRdsDataTest();
  await test.direct.query("CREATE TABLE rds_slow (label text)");
});

afterEach(() => {
  Object.assign(test.cloud.settings.rdsData, defaultSettings().rdsData);
  test.cloud.faults.clear();
});

afterAll(async () => {
  await test?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("request errors", () => {
  it("answers an unknown cluster as one without the HTTP endpoint, and a malformed ARN as a bad request", async () => {
    const unknown = test.client.send(
      new ExecuteStatementCommand({
        ...test.target,
        resourceArn: "arn:aws:rds:us-east-1:000000000000:cluster:nowhere",
        sql: "SELECT 1",
      }),
    );
    await expect(unknown).rejects.toBeInstanceOf(HttpEndpointNotEnabledException);
    await expect(unknown).rejects.toThrow("HttpEndpoint is not enabled for cluster nowhere");
    const malformed = test.client.send(
      new ExecuteStatementCommand({ ...test.target, resourceArn: "not-a-cluster-arn", sql: "SELECT 1" }),
    );
    await expect(malformed).rejects.toBeInstanceOf(BadRequestException);
  });

  it("answers an unknown secret with SecretsErrorException and a secret without credentials with InvalidSecretException", async () => {
    const missing = `${test.target.secretArn.slice(0, -6)}zzzzzz`;
    await expect(
      test.execute({ sql: "SELECT 1", secretArn: missing } as Parameters<RdsDataTest["execute"]>[0]),
    ).rejects.toBeInstanceOf(SecretsErrorException);
    const secret = test.cloud.secrets.create({ name: "rds-data/no-password", versions: [], tags: [] });
    test.cloud.secrets.addVersion(secret, { secretString: JSON.stringify({ username: "postgres" }) });
    await expect(
      test.client.send(new BeginTransactionCommand({ ...test.target, secretArn: secret.arn })),
    ).rejects.toBeInstanceOf(InvalidSecretException);
  });

  it("rejects a request without sql", async () => {
    const attempt = test.execute({ sql: undefined });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toThrow(
      "Value null at 'sql' failed to satisfy constraint: Member must not be null",
    );
  });

  it("reports SQL errors as DatabaseErrorException in the Data API's format", async () => {
    const attempt = test.execute({ sql: "SELECT * FROM missing_table" });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseErrorException);
    await expect(attempt).rejects.toThrow(
      'ERROR: relation "missing_table" does not exist; Position: 15; SQLState: 42P01',
    );
  });

  // PGlite serves one database under any name; a real server knows which databases exist.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "reports a missing database with the server's own error",
    async () => {
      const attempt = test.execute({ sql: "SELECT 1", database: "no_such_database" });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseErrorException);
      await expect(attempt).rejects.toThrow(
        'FATAL: database "no_such_database" does not exist; SQLState: 3D000',
      );
    },
  );

  it("answers malformed JSON with an error response and keeps serving", async () => {
    const response = await postRaw(test.cloud.url, "/Execute", "{not json");
    expect(response.status).toBe(400);
    expect(response.errorType).toBe("SerializationException");
    const notAnObject = await postRaw(test.cloud.url, "/Execute", "[1, 2]");
    expect([notAnObject.status, notAnObject.errorType]).toEqual([400, "BadRequestException"]);
    expect((await test.execute({ sql: "SELECT 1 AS one" })).records).toEqual([[{ longValue: 1 }]]);
  });

  it("delivers an injected DatabaseResumingException as the SDK's class, then succeeds", async () => {
    test.cloud.faults.add({ service: "rds-data", times: 1, error: FAULT_PRESETS.databaseResuming });
    await expect(test.execute({ sql: "SELECT 1 AS one" })).rejects.toBeInstanceOf(DatabaseResumingException);
    expect((await test.execute({ sql: "SELECT 1 AS one" })).records).toEqual([[{ longValue: 1 }]]);
  });
});

describe("limits", () => {
  it("fails a response over the records size limit instead of truncating it", async () => {
    test.cloud.settings.rdsData.maxResponseBytes = 4000;
    const fits = await test.execute({ sql: "SELECT repeat('x', 100) AS v FROM generate_series(1, 20)" });
    expect(fits.records).toHaveLength(20);
    const attempt = test.execute({ sql: "SELECT repeat('x', 100) AS v FROM generate_series(1, 50)" });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    await expect(attempt).rejects.toThrow("Database returned more than the allowed response size limit");
  });

  it("applies the separate, larger limit to JSON-formatted records", async () => {
    test.cloud.settings.rdsData.maxResponseBytes = 1000;
    test.cloud.settings.rdsData.maxJsonResponseBytes = 6000;
    const sql = "SELECT repeat('x', 100) AS v FROM generate_series(1, 40)";
    const json = await test.execute({ sql, formatRecordsAs: "JSON" });
    expect(JSON.parse(json.formattedRecords!)).toHaveLength(40);
    await expect(test.execute({ sql })).rejects.toThrow(
      "Database returned more than the allowed response size limit",
    );
    test.cloud.settings.rdsData.maxJsonResponseBytes = 3000;
    await expect(test.execute({ sql, formatRecordsAs: "JSON" })).rejects.toBeInstanceOf(BadRequestException);
  });

  it("fails a row over the row size limit", async () => {
    test.cloud.settings.rdsData.maxRowBytes = 1000;
    expect((await test.execute({ sql: "SELECT repeat('é', 400) AS v" })).records).toHaveLength(1);
    await expect(test.execute({ sql: "SELECT repeat('é', 600) AS v" })).rejects.toBeInstanceOf(
      UnsupportedResultException,
    );
  });

  it("answers StatementTimeoutException when a statement outlives the timeout", async () => {
    test.cloud.settings.rdsData.statementTimeoutMs = 200;
    const started = Date.now();
    const attempt = test.execute({ sql: "SELECT pg_sleep(1.5)" });
    await expect(attempt).rejects.toBeInstanceOf(StatementTimeoutException);
    // PGlite runs in this process and blocks it while sleeping, so only a real server answers early.
    if (test.postgres.kind === "postgres-server") expect(Date.now() - started).toBeLessThan(1400);
    const error = (await attempt.catch((caught: unknown) => caught)) as StatementTimeoutException;
    expect(typeof error.dbConnectionId).toBe("number");
    test.cloud.settings.rdsData.statementTimeoutMs = 45_000;
    // The emulator keeps serving (on PGlite the sleep must finish first: it cannot be cancelled there).
    expect((await test.execute({ sql: "SELECT 1 AS one" })).records).toEqual([[{ longValue: 1 }]]);
  });

  it("cancels a timed-out statement, unless continueAfterTimeout asks to let it finish", async () => {
    test.cloud.settings.rdsData.statementTimeoutMs = 200;
    const slowInsert = (label: string, continueAfterTimeout: boolean) =>
      test.execute({
        sql: "INSERT INTO rds_slow (label) SELECT :label FROM pg_sleep(0.6)",
        parameters: [{ name: "label", value: { stringValue: label } }],
        continueAfterTimeout,
      });
    await expect(slowInsert("continued", true)).rejects.toBeInstanceOf(StatementTimeoutException);
    await expect(slowInsert("cancelled", false)).rejects.toBeInstanceOf(StatementTimeoutException);
    await sleep(1500);
    const labels = (
      await test.direct.query<{ label: string }>("SELECT label FROM rds_slow ORDER BY label")
    ).rows.map((row) => row.label);
    // PGlite cannot cancel a running statement, so there both inserts finish.
    expect(labels).toEqual(
      test.postgres.kind === "postgres-server" ? ["continued"] : ["cancelled", "continued"],
    );
  });
});
