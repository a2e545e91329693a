import { RDSDataClient, ExecuteStatementCommand } from "@aws-sdk/client-rds-data";
import {
  DescribeStatementCommand,
  ExecuteStatementCommand as RedshiftExecute,
  GetStatementResultCommand,
  RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import { defineSuite } from "@answerbase/bench";
import pg from "pg";
import { WebSocket } from "ws";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

const ORDER_SQL =
  "SELECT order_number, status, tracking_number, estimated_delivery FROM orders WHERE order_number = $1";
const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };

interface Context {
  stack: TestCloud;
  pg: pg.Pool;
  neonHttp: ReturnType<typeof neon>;
  neonPool: Pool;
  rds: RDSDataClient;
  redshift: RedshiftDataClient;
  secrets: SecretsManagerClient;
}

/** One order lookup through each emulated protocol, against the demo database (PGlite or TEST_DATABASE_URL). */
export default defineSuite<Context>({
  name: "local-cloud",
  description: "Order lookup latency through each emulator with the official clients, vs pg direct",
  async setup() {
    const stack = await startTestCloud();
    neonConfig.fetchEndpoint = stack.cloud.endpoints.neonHttp;
    neonConfig.webSocketConstructor = WebSocket;
    neonConfig.wsProxy = stack.cloud.endpoints.neonWebSocketProxy; // the driver appends ?address=host:port
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineConnect = false;
    const aws = { endpoint: stack.cloud.url, region: "us-east-1", credentials, maxAttempts: 1 };
    return {
      stack,
      pg: new pg.Pool({ connectionString: stack.postgres.url, max: 10 }),
      neonHttp: neon(stack.demo.connectionString),
      neonPool: new Pool({ connectionString: stack.demo.connectionString, max: 4 }),
      rds: new RDSDataClient(aws),
      redshift: new RedshiftDataClient(aws),
      secrets: new SecretsManagerClient(aws),
    };
  },
  async teardown(c) {
    await Promise.all([c.pg.end(), c.neonPool.end()]);
    await c.stack.stop();
  },
  cases: [
    {
      kind: "latency",
      name: "pg direct (baseline)",
      iterations: 500,
      run: (c) => c.pg.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "neon http sql.query",
      iterations: 500,
      target: { p95Ms: 200 },
      run: (c) => c.neonHttp.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "neon http, 100 concurrent",
      iterations: 1000,
      concurrency: 100,
      run: (c) => c.neonHttp.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "neon websocket Pool",
      iterations: 500,
      run: (c) => c.neonPool.query(ORDER_SQL, [1001]).then(() => undefined),
    },
    {
      kind: "latency",
      name: "rds data api execute",
      iterations: 500,
      target: { p95Ms: 200 },
      run: async (c) => {
        await c.rds.send(
          new ExecuteStatementCommand({
            ...c.stack.demo.aurora,
            sql: ORDER_SQL.replace("$1", ":n"),
            parameters: [{ name: "n", value: { longValue: 1001 } }],
          }),
        );
      },
    },
    {
      kind: "latency",
      name: "redshift execute+poll+result",
      iterations: 100,
      run: async (c) => {
        const { redshift } = c.stack.demo;
        const { Id } = await c.redshift.send(
          new RedshiftExecute({
            Sql: ORDER_SQL.replace("$1", ":n"),
            ClusterIdentifier: redshift.clusterIdentifier,
            Database: redshift.database,
            SecretArn: redshift.secretArn,
            Parameters: [{ name: "n", value: "1001" }],
          }),
        );
        for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
          const { Status, Error: error } = await c.redshift.send(new DescribeStatementCommand({ Id }));
          if (Status === "FINISHED") break;
          if (Status === "FAILED" || Status === "ABORTED") throw new Error(error ?? Status);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
        await c.redshift.send(new GetStatementResultCommand({ Id }));
      },
    },
    {
      kind: "latency",
      name: "secrets manager get",
      iterations: 500,
      run: async (c) => {
        await c.secrets.send(new GetSecretValueCommand({ SecretId: c.stack.demo.aurora.secretArn }));
      },
    },
    {
      kind: "custom",
      name: "backend",
      measure: (c) => Promise.resolve({ database: c.stack.postgres.kind }),
    },
  ],
});
