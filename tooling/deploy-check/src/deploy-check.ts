import path from "node:path";
import { readComponentTree, staleGeneratedFiles, type ComponentNode } from "@answerbase/local-convex";
import { documentedEnvVars, envVarsRead, undocumented, type EnvVar } from "./env-vars.ts";
import { checkRuntimes, type Problem, type RuntimeReport } from "./runtimes.ts";

export interface DeployCheck {
  /** One line per check: its name, whether it passed, and what it saw. */
  checks: { name: string; ok: boolean; summary: string }[];
  envVars: EnvVar[];
  problems: Problem[];
}

/**
 * What `npx convex deploy` of `convexDir` needs, checked offline: `_generated/` as codegen writes it,
 * every function file bundled for its runtime, each variable the functions read documented in
 * `docsFile`, and the components of convex.config.ts resolvable. Paths are shown from `root`.
 */
export async function deployCheck(convexDir: string, docsFile: string, root: string): Promise<DeployCheck> {
  const checks: DeployCheck["checks"] = [];
  const problems: Problem[] = [];
  const record = (name: string, found: Problem[], summary: string) => {
    checks.push({
      name,
      ok: found.length === 0,
      summary: found.length === 0 ? summary : `${summary}; ${found.length} problem(s)`,
    });
    problems.push(...found);
  };

  const stale = await staleGeneratedFiles(convexDir);
  const generatedDir = path.relative(root, path.join(convexDir, "_generated"));
  record(
    "codegen",
    stale.map((file) => ({
      file: path.join(generatedDir, file),
      message:
        "differs from what codegen writes: run `pnpm --filter @answerbase/backend codegen` and commit it",
    })),
    `${generatedDir} ${stale.length === 0 ? "is fresh" : "is stale"}`,
  );

  const runtimes: RuntimeReport = await checkRuntimes(convexDir, root);
  record(
    "runtimes",
    runtimes.problems,
    `${runtimes.defaultRuntime.length} default-runtime files, ${runtimes.node.length} "use node" files, external: ${runtimes.external.join(", ") || "none"}`,
  );

  const envVars = envVarsRead(runtimes.inputs, root, documentedEnvVars(docsFile));
  record(
    "env vars",
    undocumented(envVars, docsFile, root),
    `${envVars.length} read, documented in ${path.relative(root, docsFile)}`,
  );

  let components: ComponentNode[] = [];
  const componentProblems: Problem[] = [];
  try {
    components = readComponentTree(convexDir);
  } catch (error) {
    componentProblems.push({
      file: path.relative(root, path.join(convexDir, "convex.config.ts")),
      message: `a component cannot be resolved: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  record("components", componentProblems, components.map(describeComponent).join(", ") || "none");

  return { checks, envVars, problems };
}

function describeComponent(node: ComponentNode): string {
  const children = node.children.map(describeComponent).join(", ");
  return `${node.name} (${node.packageName}${children === "" ? "" : `; ${children}`})`;
}
