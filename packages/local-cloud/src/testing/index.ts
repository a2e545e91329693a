import { randomBytes } from "node:crypto";
import pg from "pg";
import { registerDemoResources, type DemoConnections } from "../demo-resources.ts";
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../local-cloud.ts";
import { applyDemoSchema } from "../postgres/demo-schema.ts";
import { startEmbeddedPostgres } from "../postgres/embedded-postgres.ts";

export interface TestPostgres {
  /** URL of a database holding the demo schema, private to this caller. */
  url: string;
  kind: "pglite" | "postgres-server";
  stop(): Promise<void>;
}

/**
 * A fresh demo database for a test file: an in-memory PGlite by default, or a new database on the
 * server named by TEST_DATABASE_URL (created here, dropped by `stop`), so runs never share state.
 */
export async function startTestPostgres(options: { seed?: boolean } = {}): Promise<TestPostgres> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ seed: options.seed ?? true });
    return { url: embedded.url, kind: "pglite", stop: () => embedded.stop() };
  }
  const name = `answerbase_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (options.seed ?? true) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await applyDemoSchema(client);
    } finally {
      await client.end();
    }
  }
  return {
    url: url.toString(),
    kind: "postgres-server",
    async stop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export interface TestCloud {
  cloud: LocalCloud;
  postgres: TestPostgres;
  demo: DemoConnections;
  stop(): Promise<void>;
}

/**
 * A test database plus the local cloud in front of it, with the demo resources registered. The demo
 * role trusts any external id here: every test organization may share the demo database (tests of
 * tenant isolation create their own accounts and roles).
 */
export async function startTestCloud(
  options: Omit<LocalCloudOptions, "databaseUrl"> = {},
): Promise<TestCloud> {
  const postgres = await startTestPostgres();
  const cloud = await startLocalCloud({ ...options, databaseUrl: postgres.url });
  const demo = registerDemoResources(cloud, { externalIds: "*" });
  return {
    cloud,
    postgres,
    demo,
    async stop() {
      await cloud.stop();
      await postgres.stop();
    },
  };
}
export { generateRows } from "../schema/generate-rows.ts";
