import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  paginateGetStatementResult,
  RedshiftDataClient,
  type ColumnMetadata,
  type DescribeStatementResponse,
  type ExecuteStatementInput,
  type Field,
} from "@aws-sdk/client-redshift-data";
import pg from "pg";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

/** What a Redshift Data API test file needs: the cloud, an SDK client, and direct `pg` access to compare. */
export interface RedshiftHarness extends TestCloud {
  client: RedshiftDataClient;
  /** Direct session with every value left as Postgres text, the reference results are read with. */
  raw: pg.Client;
  /** The emulator's default timings, restored after tests that change them. */
  baseline: TestCloud["cloud"]["settings"]["redshiftData"];
  close(): Promise<void>;
}

export async function startRedshiftHarness(): Promise<RedshiftHarness> {
  const test = await startTestCloud({ settings: { redshiftData: { startDelayMs: 0 } } });
  const client = new RedshiftDataClient({
    endpoint: test.cloud.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  const raw = new pg.Client({
    connectionString: test.postgres.url,
    types: { getTypeParser: () => (value: string) => value },
  });
  await raw.connect();
  return {
    ...test,
    client,
    raw,
    baseline: { ...test.cloud.settings.redshiftData },
    async close() {
      client.destroy();
      await raw.end();
      await test.stop();
    },
  };
}

const TERMINAL = ["FINISHED", "FAILED", "ABORTED"];

/** ExecuteStatement on the demo cluster as the demo DbUser, unless the input says otherwise. */
export async function execute(
  harness: RedshiftHarness,
  input: Partial<ExecuteStatementInput> & { Sql: string },
): Promise<string> {
  const { demo } = harness;
  const output = await harness.client.send(
    new ExecuteStatementCommand({
      ClusterIdentifier: demo.redshift.clusterIdentifier,
      Database: demo.redshift.database,
      DbUser: demo.redshift.dbUser,
      ...input,
    }),
  );
  return output.Id!;
}

/** Polls DescribeStatement like a client would, until one of `statuses` (default: any final status). */
export async function waitForStatus(
  harness: RedshiftHarness,
  id: string,
  statuses: string[] = TERMINAL,
  timeoutMs = 15_000,
): Promise<DescribeStatementResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await harness.client.send(new DescribeStatementCommand({ Id: id }));
    if (statuses.includes(described.Status ?? "")) return described;
    if (Date.now() > deadline)
      throw new Error(`statement ${id} still ${described.Status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Executes and waits for FINISHED (failing the test with the statement's error otherwise). */
export async function run(
  harness: RedshiftHarness,
  input: Partial<ExecuteStatementInput> & { Sql: string },
): Promise<string> {
  const id = await execute(harness, input);
  const described = await waitForStatus(harness, id);
  if (described.Status !== "FINISHED") throw new Error(`statement ${described.Status}: ${described.Error}`);
  return id;
}

/** Every page of GetStatementResult through the SDK's paginator. */
export async function fetchAll(harness: RedshiftHarness, id: string) {
  const records: Field[][] = [];
  let columns: ColumnMetadata[] = [];
  let pages = 0;
  let totalNumRows: number | undefined;
  for await (const page of paginateGetStatementResult({ client: harness.client }, { Id: id })) {
    pages++;
    records.push(...(page.Records ?? []));
    columns = page.ColumnMetadata ?? columns;
    totalNumRows = page.TotalNumRows;
  }
  return { records: normalize(records), columns, pages, totalNumRows };
}

/** Blobs as hex so results compare with plain equality. */
export function normalize(records: Field[][]): unknown[][] {
  return records.map((row) =>
    row.map((field) =>
      field.blobValue ? { blobValue: Buffer.from(field.blobValue).toString("hex") } : { ...field },
    ),
  );
}

/**
 * What the Data API should send for a Postgres result read directly, stated independently of the
 * emulator: integers as longValue, floats as doubleValue, booleans as booleanValue, bytea as a blob,
 * NULL as isNull, everything else as the Postgres text in stringValue.
 */
export async function expectedRecords(
  harness: RedshiftHarness,
  sql: string,
  values: unknown[] = [],
): Promise<unknown[][]> {
  const result = await harness.raw.query<(string | null)[]>({ text: sql, values, rowMode: "array" });
  return result.rows.map((row) =>
    row.map((value, index) => {
      const oid = result.fields[index]!.dataTypeID;
      if (value === null) return { isNull: true };
      if ([20, 21, 23].includes(oid)) return { longValue: Number(value) };
      if ([700, 701].includes(oid)) return { doubleValue: Number(value) };
      if (oid === 16) return { booleanValue: value === "t" };
      if (oid === 17) return { blobValue: value.slice(2) };
      return { stringValue: value };
    }),
  );
}
