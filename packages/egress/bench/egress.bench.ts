/**
 * `pnpm bench egress`: what the egress check adds to opening a database connection. The same pg
 * connection (connect, `SELECT 1`, end) is opened through Node's own socket and through the checked
 * socket, by IP literal and by name (the name costs one resolution either way: Node's lookup, or the
 * checked lookup that replaces it); then the check alone. Against TEST_DATABASE_URL's server (PostgreSQL
 * 15 on these machines) or an embedded PGlite. Target (issue 15): ≤ 1 ms p95 added.
 */
import { defineSuite, type LatencyCase } from "@answerbase/bench";
import { startTestPostgres, type TestPostgres } from "@answerbase/local-cloud/testing";
import pg from "pg";
import { checkedSocket, resolveChecked } from "../src/index.ts";

interface Context {
  database: TestPostgres;
  byAddress: string;
  byName: string;
}

async function openAndClose(connectionString: string, checked: boolean): Promise<void> {
  const client = new pg.Client({
    connectionString,
    ...(checked ? { stream: () => checkedSocket("private_networks") } : {}),
  });
  await client.connect();
  await client.query("SELECT 1");
  await client.end();
}

const ITERATIONS = 400;

function connectCase(name: string, url: (c: Context) => string, checked: boolean): LatencyCase<Context> {
  return {
    kind: "latency",
    name,
    iterations: ITERATIONS,
    warmup: 20,
    run: (c) => openAndClose(url(c), checked),
  };
}

export default defineSuite<Context>({
  name: "egress",
  description: "the egress check's cost on opening a connection (unchecked vs checked, same run)",
  async setup() {
    const database = await startTestPostgres({ seed: false });
    const byAddress = new URL(database.url);
    byAddress.hostname = "127.0.0.1";
    const byName = new URL(database.url);
    byName.hostname = "localhost";
    return { database, byAddress: byAddress.toString(), byName: byName.toString() };
  },
  teardown: (c) => c.database.stop(),
  cases: [
    connectCase("pg connect by address, unchecked", (c) => c.byAddress, false),
    connectCase("pg connect by address, checked", (c) => c.byAddress, true),
    connectCase("pg connect by name, unchecked", (c) => c.byName, false),
    connectCase("pg connect by name, checked", (c) => c.byName, true),
    {
      kind: "latency",
      name: "check alone: a public address for a tenant",
      iterations: 20_000,
      target: { p95Ms: 1 },
      run: () => resolveChecked("52.95.110.1", "public_internet").then(() => undefined),
    },
    {
      kind: "latency",
      name: "check alone: localhost resolved and refused",
      iterations: 2_000,
      target: { p95Ms: 1 },
      run: () =>
        resolveChecked("localhost", "public_internet").then(
          () => {
            throw new Error("localhost was allowed");
          },
          () => undefined,
        ),
    },
  ],
});
