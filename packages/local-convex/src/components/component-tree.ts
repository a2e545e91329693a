import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** One component instance mounted by `app.use()` / `component.use()`. */
export interface ComponentNode {
  /** The name it is mounted under (the `name` option, or the component's `defineComponent` name). */
  name: string;
  /** The package it comes from, e.g. `@convex-dev/rag`. */
  packageName: string;
  children: ComponentNode[];
}

const IMPORT_RE = /import\s+(\w+)\s+from\s+["']([^"']+)["']/g;
const USE_RE = /\.use\(\s*(\w+)\s*(?:,\s*\{([^)]*)\})?\s*\)/g;
const NAME_OPTION_RE = /name\s*:\s*["']([^"']+)["']/;
const DEFINE_COMPONENT_RE = /defineComponent\(\s*["']([^"']+)["']/;

/**
 * Reads the component tree from a `convex.config.ts` and, recursively, from each component package's
 * `dist/component/convex.config.js`. The files are read statically (imports and `.use()` calls), because
 * a convex.config cannot be evaluated outside the Convex CLI (packages use extensionless imports).
 */
export function readComponentTree(convexDir: string): ComponentNode[] {
  const configPath = ["convex.config.ts", "convex.config.js"]
    .map((f) => path.join(convexDir, f))
    .find((p) => existsSync(p));
  if (configPath === undefined) return [];
  return readUses(configPath, new Set());
}

function readUses(configPath: string, seen: Set<string>): ComponentNode[] {
  if (seen.has(configPath)) throw new Error(`Component cycle through ${configPath}`);
  const source = readFileSync(configPath, "utf8");
  const imports = new Map<string, string>();
  for (const [, local, specifier] of source.matchAll(IMPORT_RE)) {
    if (local !== undefined && specifier !== undefined) imports.set(local, specifier);
  }
  const nodes: ComponentNode[] = [];
  for (const [, local, options] of source.matchAll(USE_RE)) {
    const specifier = local === undefined ? undefined : imports.get(local);
    if (specifier === undefined) {
      throw new Error(`${configPath}: cannot tell which package \`.use(${local})\` refers to`);
    }
    const packageName = packageNameOf(specifier);
    const componentDir = resolveComponentDir(packageName, configPath);
    const childConfig = path.join(componentDir, "convex.config.js");
    const childSource = readFileSync(childConfig, "utf8");
    const defaultName = DEFINE_COMPONENT_RE.exec(childSource)?.[1];
    const name = (options === undefined ? undefined : NAME_OPTION_RE.exec(options)?.[1]) ?? defaultName;
    if (name === undefined) throw new Error(`${childConfig}: no defineComponent("name") found`);
    nodes.push({ name, packageName, children: readUses(childConfig, new Set([...seen, configPath])) });
  }
  return nodes;
}

/** `@convex-dev/rag/convex.config.js` → `@convex-dev/rag`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** The `dist/component` folder of a component package, resolved the way Node would from `fromFile`. */
export function resolveComponentDir(packageName: string, fromFile: string): string {
  const require = createRequire(fromFile);
  // Resolve the package's convex.config export: it sits in the component folder.
  const resolved = require.resolve(`${packageName}/convex.config.js`);
  return path.dirname(resolved);
}

/** Component paths as convex-test names them: `rag`, `rag/workpool`, `rag/workpool/batchWorker`. */
export function flattenComponentPaths(nodes: ComponentNode[], prefix = ""): string[] {
  return nodes.flatMap((node) => {
    const own = prefix === "" ? node.name : `${prefix}/${node.name}`;
    return [own, ...flattenComponentPaths(node.children, own)];
  });
}
