import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  GetStatementResultCommand,
  GetStatementResultV2Command,
  ListStatementsCommand,
  paginateListStatements,
  ResourceNotFoundException,
  ValidationException,
  type BatchExecuteStatementInput,
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

describe("Redshift Data API emulator: cancel, list, batch, CSV", () => {
  let harness: RedshiftHarness;

  beforeAll(async () => {
    harness = await startRedshiftHarness();
    await harness.raw.query("CREATE TABLE rs_cancel (n int); CREATE TABLE rs_batch (n int PRIMARY KEY)");
  });
  afterAll(async () => {
    await harness.close();
  });
  afterEach(() => {
    Object.assign(harness.cloud.settings.redshiftData, harness.baseline);
  });

  const cancel = (id: string) => harness.client.send(new CancelStatementCommand({ Id: id }));
  const count = async (sql: string) => Number((await harness.raw.query<{ n: string }>(sql)).rows[0]!.n);

  it("cancels a statement before it starts: ABORTED, and its SQL never runs", async () => {
    harness.cloud.settings.redshiftData.startDelayMs = 1_000;
    const id = await execute(harness, { Sql: "INSERT INTO rs_cancel VALUES (1)" });
    expect(await cancel(id)).toMatchObject({ Status: true });
    expect((await harness.client.send(new DescribeStatementCommand({ Id: id }))).Status).toBe("ABORTED");
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await count("SELECT count(*) AS n FROM rs_cancel")).toBe(0);
    expect((await harness.client.send(new DescribeStatementCommand({ Id: id }))).Status).toBe("ABORTED");
  });

  it("cancels a STARTED statement and refuses to cancel one that already ended", async () => {
    harness.cloud.settings.redshiftData.executionDelayMs = 5_000;
    const id = await execute(harness, { Sql: "SELECT 1" });
    await waitForStatus(harness, id, ["STARTED"]);
    const started = Date.now();
    await cancel(id);
    expect((await waitForStatus(harness, id)).Status).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(harness.client.send(new GetStatementResultCommand({ Id: id }))).rejects.toThrow(
      "Query does not have result",
    );
    const again = await cancel(id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ValidationException);
    expect((again as Error).message).toBe(
      `Could not cancel a query that is already in ABORTED state with ID: ${id}`,
    );

    harness.cloud.settings.redshiftData.executionDelayMs = 0;
    const finished = await run(harness, { Sql: "SELECT 1" });
    await expect(cancel(finished)).rejects.toThrow(
      `Could not cancel a query that is already in FINISHED state with ID: ${finished}`,
    );
    await expect(cancel("0b6e3c0a-6f3c-4c51-9f5e-6e7b8a9c0d1e")).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  // PGlite runs queries on Node's own thread: while pg_sleep runs, nothing else (not even the
  // CancelStatement request) can, so stopping a running query is checked on a real server.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "stops the running query on the server when cancelled",
    async () => {
      const marker = `rs-cancel-${Date.now()}`;
      const id = await execute(harness, { Sql: `SELECT pg_sleep(30) AS "${marker}"` });
      await waitForStatus(harness, id, ["STARTED"]);
      const running = `SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%${marker}%' AND pid <> pg_backend_pid()`;
      await expect.poll(() => count(running), { timeout: 3_000 }).toBe(1);
      const started = Date.now();
      await cancel(id);
      expect((await waitForStatus(harness, id)).Status).toBe("ABORTED");
      await expect.poll(() => count(running), { timeout: 3_000 }).toBe(0);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await run(harness, { Sql: "SELECT 1" })).toMatch(/-/);
    },
  );

  it("lists statements newest first, filtered and paged", async () => {
    const { workgroupName, database, secretArn } = harness.demo.redshift;
    const ids: Record<string, string> = {};
    for (const name of ["rs-list-a1", "rs-list-a2", "rs-list-b"])
      ids[name] = await run(harness, { Sql: `SELECT '${name}'`, StatementName: name });
    ids["rs-list-fail"] = await execute(harness, {
      Sql: "SELECT * FROM nope",
      StatementName: "rs-list-fail",
    });
    await waitForStatus(harness, ids["rs-list-fail"]);
    ids["rs-list-w"] = await run(harness, {
      Sql: "SELECT 1",
      StatementName: "rs-list-w",
      WorkgroupName: workgroupName,
      Database: database,
      SecretArn: secretArn,
      ClusterIdentifier: undefined,
      DbUser: undefined,
    });

    const names = async (filter: Record<string, unknown>) =>
      ((await harness.client.send(new ListStatementsCommand(filter))).Statements ?? []).map(
        (s) => s.StatementName,
      );
    expect(await names({ StatementName: "rs-list-a" })).toEqual(["rs-list-a2", "rs-list-a1"]);
    expect(await names({ StatementName: "rs-list", Status: "FAILED" })).toEqual(["rs-list-fail"]);
    expect(await names({ StatementName: "rs-list", WorkgroupName: workgroupName })).toEqual(["rs-list-w"]);
    expect(
      await names({
        StatementName: "rs-list",
        ClusterIdentifier: harness.demo.redshift.clusterIdentifier,
        Database: database,
      }),
    ).toEqual(["rs-list-fail", "rs-list-b", "rs-list-a2", "rs-list-a1"]);

    const paged: string[] = [];
    for await (const page of paginateListStatements(
      { client: harness.client, pageSize: 2 },
      { StatementName: "rs-list" },
    )) {
      expect(page.Statements!.length).toBeLessThanOrEqual(2);
      paged.push(...page.Statements!.map((s) => s.StatementName!));
    }
    expect(paged).toEqual(["rs-list-w", "rs-list-fail", "rs-list-b", "rs-list-a2", "rs-list-a1"]);

    const [entry] = (await harness.client.send(new ListStatementsCommand({ StatementName: "rs-list-b" })))
      .Statements!;
    expect(entry).toMatchObject({
      Id: ids["rs-list-b"],
      QueryString: "SELECT 'rs-list-b'",
      Status: "FINISHED",
      IsBatchStatement: false,
      ResultFormat: "JSON",
    });
    await expect(
      harness.client.send(new ListStatementsCommand({ Database: database })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  const batch = (input: Partial<BatchExecuteStatementInput> & { Sqls: string[] }) =>
    harness.client.send(
      new BatchExecuteStatementCommand({
        ClusterIdentifier: harness.demo.redshift.clusterIdentifier,
        Database: harness.demo.redshift.database,
        DbUser: "postgres",
        ...input,
      }),
    );

  it("runs a batch in one transaction, with results per sub-statement", async () => {
    const { Id: id } = await batch({
      Sqls: [
        "INSERT INTO rs_batch VALUES (:one)",
        "INSERT INTO rs_batch VALUES (2), (3)",
        "SELECT n FROM rs_batch WHERE n >= :one::int ORDER BY n",
      ],
      Parameters: [{ name: "one", value: "1" }],
      StatementName: "rs-batch",
    });
    const described = await waitForStatus(harness, id!);
    expect(described).toMatchObject({ Status: "FINISHED", HasResultSet: true, ResultRows: 6 });
    expect(described.SubStatements!.map((s) => [s.Id, s.Status, s.HasResultSet, s.ResultRows])).toEqual([
      [`${id}:1`, "FINISHED", false, 1],
      [`${id}:2`, "FINISHED", false, 2],
      [`${id}:3`, "FINISHED", true, 3],
    ]);
    await expect(harness.client.send(new GetStatementResultCommand({ Id: id }))).rejects.toThrow(
      "BatchExecuteStatement result can only be retrieved with sub-statement id.",
    );
    expect((await fetchAll(harness, `${id}:3`)).records).toEqual([
      [{ longValue: 1 }],
      [{ longValue: 2 }],
      [{ longValue: 3 }],
    ]);
    const sub = await harness.client.send(new DescribeStatementCommand({ Id: `${id}:3` }));
    expect(sub).toMatchObject({
      Id: `${id}:3`,
      Status: "FINISHED",
      QueryString: "SELECT n FROM rs_batch WHERE n >= :one::int ORDER BY n",
    });
    const [listed] = (await harness.client.send(new ListStatementsCommand({ StatementName: "rs-batch" })))
      .Statements!;
    expect(listed).toMatchObject({
      Id: id,
      IsBatchStatement: true,
      QueryStrings: expect.arrayContaining(["INSERT INTO rs_batch VALUES (2), (3)"]) as string[],
    });
  });

  it("rolls a failed batch back, or commits statement by statement in AUTO_COMMIT mode", async () => {
    const failing = [
      "INSERT INTO rs_batch VALUES (10)",
      "INSERT INTO rs_batch VALUES (1)",
      "INSERT INTO rs_batch VALUES (11)",
    ];
    const rolledBack = await waitForStatus(harness, (await batch({ Sqls: failing })).Id!);
    expect(rolledBack.Status).toBe("FAILED");
    expect(rolledBack.Error).toMatch(
      /^Query #2 failed with ERROR: duplicate key value violates unique constraint/,
    );
    expect(rolledBack.SubStatements!.map((s) => s.Status)).toEqual(["FINISHED", "FAILED", "ABORTED"]);
    expect(await count("SELECT count(*) AS n FROM rs_batch WHERE n >= 10")).toBe(0);

    const autoCommit = await waitForStatus(
      harness,
      (await batch({ Sqls: failing, ExecutionMode: "AUTO_COMMIT" })).Id!,
    );
    expect(autoCommit.Status).toBe("FAILED");
    expect(autoCommit.SubStatements!.map((s) => s.Status)).toEqual(["FINISHED", "FAILED", "FINISHED"]);
    expect(await count("SELECT count(*) AS n FROM rs_batch WHERE n >= 10")).toBe(2);
  });

  it("serves CSV results through GetStatementResultV2", async () => {
    const sql =
      "SELECT * FROM (VALUES (1, 'a,b', true), (2, NULL, false), (3, 'say \"hi\"', NULL)) AS t(id, label, ok) ORDER BY id";
    const id = await run(harness, { Sql: sql, ResultFormat: "CSV" });
    const result = await harness.client.send(new GetStatementResultV2Command({ Id: id }));
    expect(result).toMatchObject({ ResultFormat: "CSV", TotalNumRows: 3 });
    expect(result.Records).toEqual([
      { CSVRecords: 'id,label,ok\n1,"a,b",true\n2,,false\n3,"say ""hi""",\n' },
    ]);
    expect(result.ColumnMetadata!.map((c) => c.typeName)).toEqual(["int4", "varchar", "bool"]);
    await expect(harness.client.send(new GetStatementResultCommand({ Id: id }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    const json = await run(harness, { Sql: "SELECT 1" });
    await expect(harness.client.send(new GetStatementResultV2Command({ Id: json }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
