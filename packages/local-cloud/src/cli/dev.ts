/**
 * `pnpm dev` for the local cloud: the embedded Postgres (PGlite, seeded from database-schema.sql on
 * first start, persisted in the state folder) or DATABASE_URL, and every emulator on one port.
 */
import { join } from "node:path";
import { registerDemoResources } from "../demo-resources.ts";
import { readEnv } from "../env.ts";
import { startLocalCloud } from "../local-cloud.ts";
import { startEmbeddedPostgres } from "../postgres/embedded-postgres.ts";
import { printServices } from "./print-services.ts";

const env = readEnv();
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: join(env.ANSWERBASE_STATE_DIR, "pglite"),
      port: env.EMBEDDED_POSTGRES_PORT,
    });
const databaseUrl = env.DATABASE_URL ?? embedded!.url;
const cloud = await startLocalCloud({
  databaseUrl,
  host: env.LOCAL_CLOUD_HOST,
  port: env.LOCAL_CLOUD_PORT,
  secretsFile: join(env.ANSWERBASE_STATE_DIR, "local-cloud", "secrets.json"),
});
const demo = registerDemoResources(cloud);
await cloud.secrets.save();

printServices({ env, cloud, demo, embedded });

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud…`);
  await cloud.stop();
  // PGlite flushes its files on close; skipping this can lose the last writes.
  await embedded?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
