/**
 * `pnpm dev`. With CONVEX_DEPLOYMENT or CONVEX_URL set: the real `npx convex dev` in packages/backend.
 * Otherwise everything offline: the database and the local cloud, local-convex serving the backend,
 * the demo seed, and one block saying how to use it.
 */
import { loadDotEnv, StartupError } from "@answerbase/local-cloud";
import { banner } from "./banner.ts";
import { chooseBackend, describeConvexChoice } from "./backend-choice.ts";
import { runConvexDev } from "./convex-dev.ts";
import { readDevEnv } from "./dev-env.ts";
import { startLocalDev, type LocalDev } from "./start-local-dev.ts";
import { dashboardPort, startDashboard, type Dashboard } from "./web-dashboard.ts";

loadDotEnv();
const choice = chooseBackend(process.env);
if (choice.kind === "convex") {
  console.log(describeConvexChoice(choice));
  process.exitCode = await runConvexDev();
} else {
  await runLocal();
}

async function runLocal(): Promise<void> {
  let stopping = false;
  let dev: LocalDev | undefined;
  let web: Dashboard | undefined;
  // Ctrl-C reaches every process of the terminal's group; local-convex saves its state on the way out.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (dev === undefined) return; // still starting: the start finishes, sees `stopping` and stops
    console.log(`\n${signal}: stopping the dashboard, local-convex, the local cloud and the database…`);
    await web?.stop();
    await dev.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  try {
    dev = await startLocalDev(readDevEnv());
    if (!stopping) web = await startDashboard({ convexUrl: dev.convex.url, port: dashboardPort() });
  } catch (error) {
    // Interrupted while starting: what had started is stopped already, nothing more to say.
    if (stopping) process.exit(0);
    await dev?.stop();
    if (error instanceof StartupError) console.error(error.message);
    else console.error("Could not start the local backend:", error);
    process.exit(1);
  }
  if (stopping) {
    await web?.stop();
    await dev.stop();
    process.exit(0);
  }
  console.log(banner(dev, web?.url));
  void dev.convex.exited.then(async (code) => {
    if (stopping) return;
    stopping = true;
    console.error(`local-convex dev ended unexpectedly (exit code ${code}); stopping the local cloud.`);
    await web?.stop();
    await dev?.stack.stop();
    process.exit(1);
  });
}
