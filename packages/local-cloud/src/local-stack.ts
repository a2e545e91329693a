import { join } from "node:path";
import { startDemoCrm, type DemoCrm } from "./crm/demo-crm.ts";
import { registerDemoResources, type DemoConnections } from "./demo-resources.ts";
import type { LocalCloudEnv } from "./env.ts";
import { startLocalCloud, type LocalCloud } from "./local-cloud.ts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./postgres/embedded-postgres.ts";
import { StartupError } from "./startup-error.ts";

/** The database and the local cloud of `pnpm dev`, with the demo resources registered. */
export interface LocalStack {
  /** The embedded PGlite, or undefined when DATABASE_URL names the server. */
  embedded: EmbeddedPostgres | undefined;
  cloud: LocalCloud;
  demo: DemoConnections;
  /** The demo CRM (customers, tasks, refunds) the demo organization's actions call. */
  crm: DemoCrm;
  /** Stops the CRM and the local cloud, then the embedded database (which flushes its files). */
  stop(): Promise<void>;
}

/**
 * Starts the embedded Postgres (seeded from database-schema.sql on first start, files in the state
 * folder) unless DATABASE_URL is set, then every emulator on one port, then registers the demo
 * resources and saves their secret. A busy port is a StartupError naming the variable to change.
 */
export async function startLocalStack(env: LocalCloudEnv): Promise<LocalStack> {
  const embedded = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(env.ANSWERBASE_STATE_DIR, "pglite"),
        port: env.EMBEDDED_POSTGRES_PORT,
      }).catch((error: unknown) => {
        throw portError(error, "EMBEDDED_POSTGRES_PORT", env.EMBEDDED_POSTGRES_PORT);
      });
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      databaseUrl: env.DATABASE_URL ?? embedded!.url,
      host: env.LOCAL_CLOUD_HOST,
      port: env.LOCAL_CLOUD_PORT,
      secretsFile: join(env.ANSWERBASE_STATE_DIR, "local-cloud", "secrets.json"),
    });
  } catch (error) {
    await embedded?.stop();
    throw portError(error, "LOCAL_CLOUD_PORT", env.LOCAL_CLOUD_PORT);
  }
  const demo = registerDemoResources(cloud);
  await cloud.secrets.save();
  let crm: DemoCrm;
  try {
    crm = await startDemoCrm({
      host: env.LOCAL_CLOUD_HOST,
      port: env.DEMO_CRM_PORT,
      stateFile: join(env.ANSWERBASE_STATE_DIR, "crm", "crm.json"),
    });
  } catch (error) {
    await cloud.stop();
    await embedded?.stop();
    throw portError(error, "DEMO_CRM_PORT", env.DEMO_CRM_PORT);
  }
  return {
    embedded,
    cloud,
    demo,
    crm,
    async stop() {
      await crm.stop();
      await cloud.stop();
      // PGlite flushes its files on close; skipping this can lose the last writes.
      await embedded?.stop();
    },
  };
}

/** EADDRINUSE becomes a StartupError that says what to do; anything else is passed on unchanged. */
export function portError<E>(error: E, portVariable: string, port: number): E | StartupError {
  if ((error as { code?: string } | null)?.code !== "EADDRINUSE") return error;
  return new StartupError(
    `Port ${port} is already in use (is another \`pnpm dev\` running?). Stop it or set ${portVariable}.`,
  );
}
