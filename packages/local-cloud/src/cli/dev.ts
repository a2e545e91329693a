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

const env = (() => {
  try {
    return readEnv();
  } catch (error) {
    console.error((error as Error).message);
    return process.exit(1);
  }
})();
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: join(env.ANSWERBASE_STATE_DIR, "pglite"),
      port: env.EMBEDDED_POSTGRES_PORT,
    }).catch((error: unknown) => exitWith(error, "EMBEDDED_POSTGRES_PORT", env.EMBEDDED_POSTGRES_PORT));
const databaseUrl = env.DATABASE_URL ?? embedded!.url;
const cloud = await startLocalCloud({
  databaseUrl,
  host: env.LOCAL_CLOUD_HOST,
  port: env.LOCAL_CLOUD_PORT,
  secretsFile: join(env.ANSWERBASE_STATE_DIR, "local-cloud", "secrets.json"),
}).catch(async (error: unknown) => {
  await embedded?.stop();
  return exitWith(error, "LOCAL_CLOUD_PORT", env.LOCAL_CLOUD_PORT);
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

/** Start-up failures end the process with what to do, not a stack trace (the cause is still printed). */
function exitWith(error: unknown, portVariable: string, port: number): never {
  if ((error as { code?: string }).code === "EADDRINUSE") {
    console.error(
      `Port ${port} is already in use (is another \`pnpm dev\` running?). Stop it or set ${portVariable}.`,
    );
  } else {
    console.error("Could not start the local stack:", error);
  }
  process.exit(1);
}
