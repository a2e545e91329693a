import {
  ExecuteStatementCommand,
  RDSDataClient,
  type ExecuteStatementCommandInput,
  type ExecuteStatementCommandOutput,
} from "@aws-sdk/client-rds-data";
import pg from "pg";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

/** A test cloud, an unmodified RDSDataClient pointed at it, and a direct `pg` client for comparisons. */
export interface RdsDataTest extends TestCloud {
  client: RDSDataClient;
  /** Direct connection to the same database (default `pg` type parsers). */
  direct: pg.Client;
  /** resourceArn, secretArn and database of the demo Aurora cluster. */
  target: { resourceArn: string; secretArn: string; database: string };
  /** ExecuteStatement on the demo cluster. */
  execute(
    input: Omit<ExecuteStatementCommandInput, "resourceArn" | "secretArn">,
  ): Promise<ExecuteStatementCommandOutput>;
}

export async function startRdsDataTest(): Promise<RdsDataTest> {
  const testCloud = await startTestCloud();
  const client = new RDSDataClient({
    endpoint: testCloud.cloud.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  const direct = new pg.Client({ connectionString: testCloud.postgres.url });
  await direct.connect();
  const { resourceArn, secretArn, database } = testCloud.demo.aurora;
  const target = { resourceArn, secretArn, database };
  return {
    ...testCloud,
    client,
    direct,
    target,
    execute: (input) => client.send(new ExecuteStatementCommand({ ...target, ...input })),
    async stop() {
      client.destroy();
      await direct.end();
      await testCloud.stop();
    },
  };
}

/** Posts a raw JSON body to a Data API route, bypassing the SDK (for malformed and 64-bit requests). */
export async function postRaw(
  cloudUrl: string,
  path: string,
  body: string,
): Promise<{ status: number; errorType: string | null; text: string }> {
  const response = await fetch(`${cloudUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return {
    status: response.status,
    errorType: response.headers.get("x-amzn-errortype"),
    text: await response.text(),
  };
}
