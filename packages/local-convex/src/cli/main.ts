#!/usr/bin/env -S npx tsx
import { existsSync } from "node:fs";
import path from "node:path";
import { staleGeneratedFiles, writeGeneratedCode } from "../codegen/generate.ts";
import { readEnvFile } from "../env/env-file.ts";
import { startLocalConvex } from "../local-convex.ts";
import { parseArgs, stringOption } from "./args.ts";
import { superviseDev } from "./watch.ts";
import { envCommand, logsCommand, resolveTarget, runCommand, watchCommand } from "./client-commands.ts";

const USAGE = `local-convex — an offline Convex deployment for development and tests

  local-convex dev --convex-dir <dir> [--state-dir .answerbase/local-convex] [--port 3210] [--site-port 3211]
                   [--env-file <file>] [--no-crons]
      (restarts and re-runs codegen when the functions change; \`serve\` takes the same options, no watching;
      --env-file sets deployment env vars on every start: a .json object of strings, or dotenv lines)
  local-convex codegen --convex-dir <dir> [--check]
  local-convex env list|get <name>|set <name> <value>|remove <name>
  local-convex run [--watch] <module:function> ['<json args>']
  local-convex logs [--no-history]

Client commands take --url (default http://127.0.0.1:3210) and find the admin key in --state-dir
(or --admin-key, LOCAL_CONVEX_ADMIN_KEY).`;

async function main(argv: string[]): Promise<void> {
  const { positional, options } = parseArgs(argv);
  const [command, ...rest] = positional;
  // Relative paths are relative to where the user typed the command (pnpm runs scripts in the package).
  const base = process.env.INIT_CWD ?? process.cwd();
  const stateDir = path.resolve(base, stringOption(options, "state-dir", ".answerbase/local-convex")!);
  const convexDir = path.resolve(base, stringOption(options, "convex-dir", "convex")!);
  const envFileOption = stringOption(options, "env-file");
  const envFile = envFileOption === undefined ? undefined : path.resolve(base, envFileOption);
  const target = () =>
    resolveTarget(stringOption(options, "url"), stringOption(options, "admin-key"), stateDir);
  const needsFunctions = command === "dev" || command === "serve" || command === "codegen";
  if (needsFunctions && !existsSync(convexDir)) {
    throw new Error(`No Convex functions folder at ${convexDir} (pass --convex-dir <dir>)`);
  }
  switch (command) {
    case "dev":
      await superviseDev(convexDir, [
        ...["--convex-dir", convexDir, "--state-dir", stateDir],
        ...[
          "--port",
          stringOption(options, "port", "3210")!,
          "--site-port",
          stringOption(options, "site-port", "3211")!,
        ],
        ...(envFile === undefined ? [] : ["--env-file", envFile]),
        ...(options.has("no-crons") ? ["--no-crons"] : []),
      ]);
      return;
    case "serve": {
      const deployment = await startLocalConvex({
        convexDir,
        stateDir,
        port: Number(stringOption(options, "port", "3210")),
        sitePort: Number(stringOption(options, "site-port", "3211")),
        env: envFile === undefined ? undefined : readEnvFile(envFile),
        crons: !options.has("no-crons"),
        printLogs: true,
      });
      process.stdout.write(
        `local-convex (development server, not for production) serving ${path.resolve(convexDir)}\n` +
          `  CONVEX_URL=${deployment.url}\n  CONVEX_SITE_URL=${deployment.siteUrl}\n  state: ${stateDir}\n`,
      );
      if (deployment.restored?.error) process.stderr.write(`${deployment.restored.error}\n`);
      // Ctrl-C under `dev` reaches this process more than once (SIGINT from the terminal, SIGTERM from
      // `dev`, and from a supervisor above it): every signal is handled, so a repeat cannot cut the save.
      let stopping: Promise<void> | undefined;
      const shutdown = () => {
        stopping ??= deployment.stop().then(() => process.exit(0));
      };
      process.on("SIGINT", shutdown);
      process.on("SIGTERM", shutdown);
      return;
    }
    case "codegen": {
      if (options.has("check")) {
        const stale = await staleGeneratedFiles(convexDir);
        if (stale.length > 0)
          throw new Error(`${convexDir}/_generated is stale (${stale.join(", ")}): run local-convex codegen`);
        process.stdout.write("_generated is up to date\n");
        return;
      }
      const written = await writeGeneratedCode(convexDir);
      process.stdout.write(written.length ? `wrote ${written.join(", ")}\n` : "_generated is up to date\n");
      return;
    }
    case "env":
      process.stdout.write(`${await envCommand(target(), rest[0], rest[1], rest[2])}\n`);
      return;
    case "run":
      if (rest[0] === undefined)
        throw new Error("usage: local-convex run [--watch] <module:function> ['<json args>']");
      if (options.has("watch")) {
        await watchCommand(target(), rest[0], rest[1] ?? "{}", (text) => process.stdout.write(`${text}\n`));
        return;
      }
      process.stdout.write(`${await runCommand(target(), rest[0], rest[1])}\n`);
      return;
    case "logs":
      await logsCommand(target(), !options.has("no-history"), (line) => process.stdout.write(`${line}\n`));
      return;
    default:
      process.stdout.write(`${USAGE}\n`);
      if (command !== undefined && command !== "help") process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
