/**
 * `pnpm --filter @answerbase/local-cloud dev`: the local cloud alone (the embedded Postgres or
 * DATABASE_URL, and every emulator on one port). The root `pnpm dev` starts the same stack through
 * `startLocalStack` and the Convex backend on top of it.
 */
import { readEnv } from "../env.ts";
import { startLocalStack } from "../local-stack.ts";
import { StartupError } from "../startup-error.ts";
import { printServices } from "./print-services.ts";

const stack = await (async () => {
  try {
    const env = readEnv();
    return { env, ...(await startLocalStack(env)) };
  } catch (error) {
    // Start-up failures end the process with what to do, not a stack trace (other causes are printed).
    if (error instanceof StartupError) console.error(error.message);
    else console.error("Could not start the local stack:", error);
    return process.exit(1);
  }
})();

printServices(stack);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud…`);
  await stack.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
