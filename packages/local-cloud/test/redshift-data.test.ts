import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  ResourceNotFoundException,
  ValidationException,
} from "@aws-sdk/client-redshift-data";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAULT_PRESETS } from "../src/http/faults.ts";
import {
  execute,
  expectedRecords,
  fetchAll,
  run,
  startRedshiftHarness,
  waitForStatus,
  type RedshiftHarness,
} from "./redshift-data-harness.ts";

const TYPES_TABLE = `
  CREATE TABLE rs_types (
    id int4 PRIMARY KEY, small int2, big int8, amount numeric(12,2), ratio float4, score float8,
    active bool, label text NOT NULL, code varchar(10), flag char(3), day date, at_time time,
    at timestamp, at_tz timestamptz, span interval, uid uuid, doc json, docb jsonb, bytes bytea,
    tags text[], nums int[]
  );
  INSERT INTO rs_types VALUES
    (1, 32767, 9007199254740991, 12345.67, 1.5, 3.141592653589793, true, 'héllo "wörld" ✓', 'abc', 'x',
     '2024-02-29', '13:45:01.5', '2024-02-29 13:45:01.123456', '2024-02-29 13:45:01+02', '1 day 02:03:04',
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '{"b": {"c": null}}', '\\x00ff10', '{a,"b c",NULL}', '{1,2,3}'),
    (2, -32768, -9007199254740991, -0.01, 'NaN', '-Infinity', false, '', NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, NULL, NULL, NULL, NULL, NULL, NULL, 'third, with comma', NULL, NULL, NULL, NULL, NULL, NULL,
     NULL, NULL, NULL, NULL, '\\x', '{}', NULL);
`;

describe("Redshift Data API emulator: statements and results", () => {
  let harness: RedshiftHarness;

  beforeAll(async () => {
    harness = await startRedshiftHarness();
    await harness.raw.query(TYPES_TABLE);
  });
  afterAll(async () => {
    await harness.close();
  });
  afterEach(() => {
    Object.assign(harness.cloud.settings.redshiftData, harness.baseline);
    harness.cloud.faults.clear();
  });

  it("moves a statement through SUBMITTED and STARTED to FINISHED, with the service's statistics", async () => {
    Object.assign(harness.cloud.settings.redshiftData, { startDelayMs: 600, executionDelayMs: 300 });
    const id = await execute(harness, { Sql: "SELECT id, label FROM rs_types ORDER BY id" });
    expect(id).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);

    const submitted = await harness.client.send(new DescribeStatementCommand({ Id: id }));
    expect(submitted.Status).toBe("SUBMITTED");
    expect(submitted).toMatchObject({ Duration: -1, ResultRows: -1, ResultSize: -1, HasResultSet: false });
    await expect(harness.client.send(new GetStatementResultCommand({ Id: id }))).rejects.toThrow(
      "Query does not have result. Please check query status with DescribeStatement.",
    );

    const started = await waitForStatus(harness, id, ["STARTED"]);
    expect(started.RedshiftPid).toBeGreaterThan(0);
    expect(started.ResultRows).toBe(-1);

    const finished = await waitForStatus(harness, id);
    expect(finished).toMatchObject({
      Id: id,
      Status: "FINISHED",
      QueryString: "SELECT id, label FROM rs_types ORDER BY id",
      ClusterIdentifier: harness.demo.redshift.clusterIdentifier,
      Database: harness.demo.redshift.database,
      DbUser: harness.demo.redshift.dbUser,
      HasResultSet: true,
      ResultRows: 3,
      ResultFormat: "JSON",
    });
    expect(finished.Duration).toBeGreaterThan(0);
    expect(finished.ResultSize).toBe(Buffer.byteLength('1héllo "wörld" ✓2' + "3third, with comma"));
    expect(finished.RedshiftQueryId).toBeGreaterThan(0);
    expect(finished.UpdatedAt!.getTime() - finished.CreatedAt!.getTime()).toBeGreaterThanOrEqual(850);
  });

  it("returns every type the way the Data API maps it, identical to what Postgres returns", async () => {
    const sql = "SELECT * FROM rs_types ORDER BY id";
    const { records, totalNumRows, pages } = await fetchAll(harness, await run(harness, { Sql: sql }));
    expect(pages).toBe(1);
    expect(totalNumRows).toBe(3);
    expect(records).toEqual(await expectedRecords(harness, sql));
    // Spot checks written out, so the mapping itself is pinned down.
    const [first, second] = records;
    expect(first!.slice(0, 8)).toEqual([
      { longValue: 1 },
      { longValue: 32767 },
      { longValue: 9007199254740991 },
      { stringValue: "12345.67" },
      { doubleValue: 1.5 },
      { doubleValue: 3.141592653589793 },
      { booleanValue: true },
      { stringValue: 'héllo "wörld" ✓' },
    ]);
    expect(first![18]).toEqual({ blobValue: "00ff10" });
    expect(first![19]).toEqual({ stringValue: '{a,"b c",NULL}' });
    expect(second!.slice(4, 8)).toEqual([
      { doubleValue: NaN },
      { doubleValue: -Infinity },
      { booleanValue: false },
      { stringValue: "" },
    ]);
    expect(second![8]).toEqual({ isNull: true });
  });

  it("describes columns like Redshift: type names, precision, scale, nullability, table and schema", async () => {
    const id = await run(harness, {
      Sql: "SELECT id, amount, label, code, flag, at, at_tz, active, score, docb, uid, 1 + 1 AS two FROM rs_types",
    });
    const { columns } = await fetchAll(harness, id);
    const summary = columns.map((c) => [
      c.name,
      c.typeName,
      c.precision,
      c.scale,
      c.nullable,
      c.isSigned,
      c.isCaseSensitive,
    ]);
    expect(summary).toEqual([
      ["id", "int4", 10, 0, 0, true, false],
      ["amount", "numeric", 12, 2, 1, true, false],
      ["label", "varchar", 65535, 0, 0, false, true],
      ["code", "varchar", 10, 0, 1, false, true],
      ["flag", "bpchar", 3, 0, 1, false, true],
      ["at", "timestamp", 29, 6, 1, false, false],
      ["at_tz", "timestamptz", 35, 6, 1, false, false],
      ["active", "bool", 1, 0, 1, false, false],
      ["score", "float8", 17, 17, 1, true, false],
      ["docb", "super", 0, 0, 1, false, true],
      ["uid", "uuid", 0, 0, 1, false, true],
      ["two", "int4", 10, 0, 1, true, false],
    ]);
    expect(columns[0]).toMatchObject({
      label: "id",
      tableName: "rs_types",
      schemaName: "public",
      isCurrency: false,
      length: 0,
    });
    expect(columns.at(-1)).toMatchObject({ tableName: "", schemaName: "" });
  });

  it("binds :name parameters as strings, leaving literals, quoted identifiers and casts alone", async () => {
    const sql = `SELECT id, label, ':id' AS literal, "label" AS quoted, :limit::int AS lim FROM rs_types WHERE id >= :id AND label <> :skip ORDER BY id`;
    const parameters = [
      { name: "id", value: "2" },
      { name: "skip", value: "nothing" },
      { name: "limit", value: "7" },
    ];
    const id = await run(harness, { Sql: sql, Parameters: parameters });
    const { records } = await fetchAll(harness, id);
    const reference = `SELECT id, label, ':id' AS literal, "label" AS quoted, $3::int AS lim FROM rs_types WHERE id >= $1 AND label <> $2 ORDER BY id`;
    expect(records).toEqual(await expectedRecords(harness, reference, ["2", "nothing", "7"]));
    expect(records.map((row) => row[0])).toEqual([{ longValue: 2 }, { longValue: 3 }]);
    expect(records[0]![2]).toEqual({ stringValue: ":id" });
    const described = await harness.client.send(new DescribeStatementCommand({ Id: id }));
    expect(described.QueryParameters).toEqual(parameters);
  });

  it("rejects parameter lists the service rejects", async () => {
    const base = { Sql: "SELECT :a::int AS a" };
    await expect(
      execute(harness, {
        ...base,
        Parameters: [
          { name: "a", value: "1" },
          { name: "b", value: "2" },
        ],
      }),
    ).rejects.toThrow("Parameters list contains unused parameters. Unused parameters: [b]");
    await expect(
      execute(harness, { Sql: "SELECT :a, :c", Parameters: [{ name: "a", value: "1" }] }),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      execute(harness, { ...base, Parameters: [{ name: "a-b", value: "1" }] }),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      execute(harness, { ...base, Parameters: [{ name: "a", value: "" }] }),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it("pages large results by size with NextToken and reassembles every row in order", async () => {
    harness.cloud.settings.redshiftData.pageMaxBytes = 4_000;
    const sql =
      "SELECT n, repeat('é', n % 50) AS pad, n * 1.5 AS half FROM generate_series(1, 600) AS n ORDER BY n";
    const { records, pages, totalNumRows } = await fetchAll(harness, await run(harness, { Sql: sql }));
    expect(pages).toBeGreaterThan(10);
    expect(totalNumRows).toBe(600);
    expect(records).toEqual(await expectedRecords(harness, sql));

    const id = await run(harness, { Sql: "SELECT 1 AS x" });
    await expect(
      harness.client.send(new GetStatementResultCommand({ Id: id, NextToken: "bm90LWEtdG9rZW4" })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it("reports SQL errors as FAILED with the Postgres message, and DML without a result set", async () => {
    const failed = await waitForStatus(harness, await execute(harness, { Sql: "SELECT * FROM nope" }));
    expect(failed).toMatchObject({
      Status: "FAILED",
      Error: 'ERROR: relation "nope" does not exist',
      HasResultSet: false,
    });
    await expect(harness.client.send(new GetStatementResultCommand({ Id: failed.Id }))).rejects.toThrow(
      "Query does not have result",
    );

    await harness.raw.query("CREATE TABLE rs_dml (n int)");
    const inserted = await waitForStatus(
      harness,
      await execute(harness, { Sql: "INSERT INTO rs_dml VALUES (1), (2), (3)" }),
    );
    expect(inserted).toMatchObject({ Status: "FINISHED", HasResultSet: false, ResultRows: 3 });
    const error = await harness.client
      .send(new GetStatementResultCommand({ Id: inserted.Id }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(
      "Query does not have result. Please check query status with DescribeStatement.",
    );

    const multiple = await waitForStatus(harness, await execute(harness, { Sql: "SELECT 1; SELECT 2" }));
    expect(multiple.Status).toBe("FAILED");
  });

  it("fails a statement whose row exceeds the per-row limit", async () => {
    harness.cloud.settings.redshiftData.maxRowBytes = 100;
    const described = await waitForStatus(
      harness,
      await execute(harness, { Sql: "SELECT 1 AS ok UNION ALL SELECT length(repeat('x', 150))" }),
    );
    expect(described.Status).toBe("FINISHED");
    const tooWide = await waitForStatus(
      harness,
      await execute(harness, { Sql: "SELECT repeat('x', 150) AS wide" }),
    );
    expect(tooWide.Status).toBe("FAILED");
    expect(tooWide.Error).toMatch(/exceeds the Data API limit of 100 bytes per row/);
  });

  it("forgets statements after the result retention time", async () => {
    harness.cloud.settings.redshiftData.resultRetentionMs = 150;
    const id = await run(harness, { Sql: "SELECT 1" });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const error = await harness.client
      .send(new DescribeStatementCommand({ Id: id }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe("Query does not exist.");
  });

  it("waits for the statement when asked to (WaitTimeSeconds)", async () => {
    harness.cloud.settings.redshiftData.executionDelayMs = 150;
    const output = await harness.client.send(
      new ExecuteStatementCommand({
        ClusterIdentifier: harness.demo.redshift.clusterIdentifier,
        Database: harness.demo.redshift.database,
        DbUser: harness.demo.redshift.dbUser,
        Sql: "SELECT 42 AS answer",
        WaitTimeSeconds: 10,
      }),
    );
    expect(output).toMatchObject({ Status: "FINISHED", HasResultSet: true });
    const result = await harness.client.send(
      new GetStatementResultCommand({ Id: output.Id, WaitTimeSeconds: 1 }),
    );
    expect(result.Records).toEqual([[{ longValue: 42 }]]);
  });

  it("answers injected faults with the AWS error the SDK surfaces", async () => {
    harness.cloud.faults.add({
      service: "redshift-data",
      operation: "ExecuteStatement",
      times: 1,
      error: FAULT_PRESETS.throttling,
    });
    const error = await execute(harness, { Sql: "SELECT 1" }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("ThrottlingException");
    expect((error as Error).message).toBe("Rate exceeded");
    await expect(run(harness, { Sql: "SELECT 1" })).resolves.toMatch(/-/);
  });
});
