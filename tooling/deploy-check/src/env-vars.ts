import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Problem } from "./runtimes.ts";

/** A deployment variable the functions read, where, and what docs/deploy.md says of it. */
export interface EnvVar {
  name: string;
  /** Files that read it, from the repository root. */
  readIn: string[];
  /** The "Required" cell of its row in the deploy guide; undefined when it has no row. */
  required: string | undefined;
}

// `process.env.X`, `process.env["X"]`, the backend's `read("X")` in env modules, @convex-dev/auth's
// `requireEnv("X")`, and the keys of an env module's zod schema (`  X: z…`).
const PATTERNS = [
  /process\.env\.([A-Z][A-Z0-9_]*[A-Z0-9])\b/g,
  /process\.env\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]/g,
  /\brequireEnv\(\s*["']([A-Z][A-Z0-9_]*)["']/g,
];
const ENV_MODULE_PATTERNS = [
  /\bread\(\s*["']([A-Z][A-Z0-9_]*)["']/g,
  /^\s+([A-Z][A-Z0-9_]*[A-Z0-9]):\s*(?:z\.|optional)/gm,
];
// Replaced at bundle time by the Convex CLI, never read from the deployment.
const NOT_DEPLOYMENT_VARS = new Set(["NODE_ENV"]);

/**
 * The variables read by the bundled sources: ours (outside node_modules) and the Convex component and
 * auth libraries' (`@convex-dev/*`), whose variables the operator sets too. Other packages' reads
 * (AWS SDK defaults, debug flags) are theirs to document.
 */
export function envVarsRead(inputs: string[], root: string, docs: Map<string, string>): EnvVar[] {
  const found = new Map<string, Set<string>>();
  for (const file of inputs) {
    const ours = !file.includes(`${path.sep}node_modules${path.sep}`);
    if (!ours && !file.includes(`${path.sep}@convex-dev${path.sep}`)) continue;
    const source = readFileSync(file, "utf8");
    const patterns =
      path.basename(file).replace(/\.[^.]+$/, "") === "env"
        ? [...PATTERNS, ...ENV_MODULE_PATTERNS]
        : PATTERNS;
    for (const pattern of patterns) {
      for (const [, name] of source.matchAll(pattern)) {
        if (name === undefined || NOT_DEPLOYMENT_VARS.has(name)) continue;
        const where = ours ? path.relative(root, file) : packageOf(file);
        found.set(name, (found.get(name) ?? new Set()).add(where));
      }
    }
  }
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, files]) => ({ name, readIn: [...files].sort(), required: docs.get(name) }));
}

function packageOf(file: string): string {
  const after = file
    .slice(file.lastIndexOf(`node_modules${path.sep}`) + "node_modules/".length)
    .split(path.sep);
  return after[0]!.startsWith("@") ? `${after[0]}/${after[1]}` : after[0]!;
}

/** The rows of the deploy guide's variable tables: `| \`NAME\` | required | … |`. */
export function documentedEnvVars(docsFile: string): Map<string, string> {
  const rows = new Map<string, string>();
  if (!existsSync(docsFile)) return rows;
  for (const [, name, required] of readFileSync(docsFile, "utf8").matchAll(
    /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([^|]*?)\s*\|/gm,
  )) {
    if (name !== undefined && required !== undefined) rows.set(name, required);
  }
  return rows;
}

export function undocumented(vars: EnvVar[], docsFile: string, root: string): Problem[] {
  return vars
    .filter((v) => v.required === undefined)
    .map((v) => ({
      file: v.readIn[0]!,
      message: `reads the environment variable ${v.name}, which has no row in ${path.relative(root, docsFile)} (add \`| \\\`${v.name}\\\` | required? | what it does |\`)`,
    }));
}
