import {
  BadRequestException,
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  DatabaseErrorException,
  NotFoundException,
  RollbackTransactionCommand,
  TransactionNotFoundException,
} from "@aws-sdk/client-rds-data";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startRdsDataTest, type RdsDataTest } from "./rds-data-helpers.ts";

let test: RdsDataTest;

beforeAll(async () => {
  test = await startRdsDataTest();
  await test.direct.query("CREATE TABLE rds_ledger (id serial PRIMARY KEY, label text UNIQUE NOT NULL)");
});

beforeEach(async () => {
  await test.direct.query("TRUNCATE rds_ledger RESTART IDENTITY");
});

afterAll(async () => {
  await test?.stop();
});

const labels = async () =>
  (await test.direct.query<{ label: string }>("SELECT label FROM rds_ledger ORDER BY id")).rows.map(
    (row) => row.label,
  );
const begin = async () => (await test.client.send(new BeginTransactionCommand(test.target))).transactionId!;
const insert = (label: string, transactionId?: string) =>
  test.execute({
    sql: "INSERT INTO rds_ledger (label) VALUES (:label)",
    parameters: [{ name: "label", value: { stringValue: label } }],
    transactionId,
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("transactions", () => {
  it("commits: the changes appear, and only after the commit when seen from another connection", async () => {
    const transactionId = await begin();
    expect(transactionId.length).toBeGreaterThan(100);
    await insert("first", transactionId);
    // In-transaction reads see the row.
    const inside = await test.execute({ sql: "SELECT count(*) AS n FROM rds_ledger", transactionId });
    expect(inside.records).toEqual([[{ longValue: 1 }]]);
    // PGlite serializes sessions (another connection would wait for the commit), so isolation is checked on a real server.
    if (test.postgres.kind === "postgres-server") expect(await labels()).toEqual([]);
    const committed = await test.client.send(new CommitTransactionCommand({ ...test.target, transactionId }));
    expect(committed.transactionStatus).toBe("Transaction Committed");
    expect(await labels()).toEqual(["first"]);
  });

  it("rolls back: the changes disappear and the id is finished", async () => {
    const transactionId = await begin();
    await insert("discarded", transactionId);
    const rolledBack = await test.client.send(
      new RollbackTransactionCommand({ ...test.target, transactionId }),
    );
    expect(rolledBack.transactionStatus).toBe("Rollback Complete");
    expect(await labels()).toEqual([]);
    await expect(insert("late", transactionId)).rejects.toBeInstanceOf(TransactionNotFoundException);
    await expect(
      test.client.send(new CommitTransactionCommand({ ...test.target, transactionId })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it("answers unknown transaction ids like AWS: TransactionNotFoundException / NotFoundException", async () => {
    const transactionId = "AQC2ZgU0ZmFrZS10cmFuc2FjdGlvbi1pZA==";
    await expect(insert("x", transactionId)).rejects.toThrow(`Transaction ${transactionId} is not found`);
    await expect(insert("x", transactionId)).rejects.toBeInstanceOf(TransactionNotFoundException);
    await expect(
      test.client.send(new RollbackTransactionCommand({ ...test.target, transactionId })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it("keeps a transaction to its own secret", async () => {
    const other = test.cloud.secrets.create({ name: "rds-data/other-login", versions: [], tags: [] });
    test.cloud.secrets.addVersion(other, {
      secretString: JSON.stringify({ username: "postgres", password: "x" }),
    });
    const transactionId = await begin();
    await expect(
      test.execute({ sql: "SELECT 1", transactionId, secretArn: other.arn } as Parameters<
        RdsDataTest["execute"]
      >[0]),
    ).rejects.toBeInstanceOf(TransactionNotFoundException);
    await test.client.send(new RollbackTransactionCommand({ ...test.target, transactionId }));
  });

  it("refuses a statement naming another database than its transaction", async () => {
    const transactionId = await begin();
    await expect(
      test.execute({ sql: "SELECT 1", transactionId, database: "elsewhere" }),
    ).rejects.toBeInstanceOf(BadRequestException);
    await test.client.send(new RollbackTransactionCommand({ ...test.target, transactionId }));
  });

  it("aborts on a statement error like Postgres; COMMIT then fails and nothing is kept", async () => {
    const transactionId = await begin();
    await insert("kept?", transactionId);
    await expect(test.execute({ sql: "SELECT * FROM no_such_table", transactionId })).rejects.toBeInstanceOf(
      DatabaseErrorException,
    );
    await expect(test.execute({ sql: "SELECT 1", transactionId })).rejects.toThrow(
      /current transaction is aborted.*SQLState: 25P02/,
    );
    const commit = test.client.send(new CommitTransactionCommand({ ...test.target, transactionId }));
    await expect(commit).rejects.toBeInstanceOf(DatabaseErrorException);
    await expect(commit).rejects.toThrow(/cannot be committed.*relation "no_such_table" does not exist/);
    expect(await labels()).toEqual([]);
    await expect(
      test.client.send(new RollbackTransactionCommand({ ...test.target, transactionId })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it("rolls back and forgets a transaction idle for longer than the idle timeout", async () => {
    const saved = test.cloud.settings.rdsData.transactionIdleTimeoutMs;
    test.cloud.settings.rdsData.transactionIdleTimeoutMs = 300;
    try {
      const transactionId = await begin();
      await insert("abandoned", transactionId);
      // Calls keep it alive...
      await sleep(200);
      await test.execute({ sql: "SELECT 1", transactionId });
      await sleep(200);
      await test.execute({ sql: "SELECT 1", transactionId });
      // ...silence ends it.
      await sleep(600);
      await expect(test.execute({ sql: "SELECT 1", transactionId })).rejects.toBeInstanceOf(
        TransactionNotFoundException,
      );
      expect(await labels()).toEqual([]);
    } finally {
      test.cloud.settings.rdsData.transactionIdleTimeoutMs = saved;
    }
  });
});

describe("BatchExecuteStatement", () => {
  const batch = (
    sets: string[],
    transactionId?: string,
    sql = "INSERT INTO rds_ledger (label) VALUES (:label)",
  ) =>
    test.client.send(
      new BatchExecuteStatementCommand({
        ...test.target,
        sql,
        transactionId,
        parameterSets: sets.map((label) => [{ name: "label", value: { stringValue: label } }]),
      }),
    );

  it("runs the statement once per parameter set", async () => {
    const output = await batch(["a", "b", "c"]);
    expect(output.updateResults).toEqual([
      { generatedFields: [] },
      { generatedFields: [] },
      { generatedFields: [] },
    ]);
    expect(await labels()).toEqual(["a", "b", "c"]);
  });

  it("is all-or-nothing outside a transaction", async () => {
    await expect(batch(["a", "b", "a"])).rejects.toThrow(
      /duplicate key value violates unique constraint.*SQLState: 23505/,
    );
    expect(await labels()).toEqual([]);
  });

  it("reports RETURNING values as generatedFields", async () => {
    const output = await batch(
      ["x", "y"],
      undefined,
      "INSERT INTO rds_ledger (label) VALUES (:label) RETURNING id",
    );
    expect(output.updateResults).toEqual([
      { generatedFields: [{ longValue: 1 }] },
      { generatedFields: [{ longValue: 2 }] },
    ]);
  });

  it("joins the given transaction", async () => {
    const transactionId = await begin();
    await batch(["in", "tx"], transactionId);
    await test.client.send(new RollbackTransactionCommand({ ...test.target, transactionId }));
    expect(await labels()).toEqual([]);
  });

  it("does nothing without parameter sets", async () => {
    expect((await batch([])).updateResults).toEqual([]);
    expect(await labels()).toEqual([]);
  });
});
