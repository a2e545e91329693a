import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { listEntryPoints } from "@answerbase/local-convex";
import type { Message, Metafile, Plugin } from "esbuild";
import {
  convexBuildOptions,
  builtinChains,
  displayPath,
  nodeBuiltinsAsExternal,
  runBundle,
} from "./convex-bundle.ts";

/** One reason `npx convex deploy` would refuse the functions folder. */
export interface Problem {
  /** The file at fault, from the repository root. */
  file: string;
  message: string;
}

export interface RuntimeReport {
  /** Function files (and schema, auth config) bundled for Convex's default runtime. */
  defaultRuntime: string[];
  /** `"use node"` files, bundled for Node. */
  node: string[];
  /** Packages left out of the Node bundle, as `node.externalPackages` asks. */
  external: string[];
  problems: Problem[];
  /** Every source file the two bundles read (absolute), for the environment-variable scan. */
  inputs: string[];
}

// Files Convex runs only in its default runtime (bundler `mustBeIsolate`).
const MUST_BE_DEFAULT_RUNTIME = ["http", "crons", "schema", "auth.config"];

/**
 * Bundles every function file as the Convex CLI does and reports what a deploy would reject: a Node
 * built-in reached from a default-runtime file (with the import chain), a `"use node"` file that
 * exports anything but actions, a package that cannot be bundled for Node and is not external, and
 * an `externalPackages` entry Convex would not honour. `root` is where paths are shown from.
 */
export async function checkRuntimes(convexDir: string, root: string): Promise<RuntimeReport> {
  const show = (file: string) => path.relative(root, path.resolve(convexDir, file));
  const entries = listEntryPoints(convexDir);
  const node = entries.filter(hasUseNodeDirective);
  const defaultRuntime = [
    ...entries.filter((file) => !node.includes(file)),
    ...["schema.ts", "auth.config.ts"].map((f) => path.join(convexDir, f)).filter((f) => existsSync(f)),
  ];
  const problems: Problem[] = [];
  for (const file of node) {
    const name = path.relative(convexDir, file).replace(/\.[^/.]+$/, "");
    if (MUST_BE_DEFAULT_RUNTIME.includes(name))
      problems.push({
        file: show(file),
        message: `"use node" is not allowed in ${name}: it runs in the default runtime`,
      });
  }

  const isolate = await runBundle(
    defaultRuntime,
    convexBuildOptions(convexDir, "browser", [nodeBuiltinsAsExternal]),
  );
  problems.push(...esbuildProblems(isolate.errors, show));
  if (isolate.metafile !== undefined)
    problems.push(...builtinProblems(isolate.metafile, convexDir, root, defaultRuntime));

  const { external, problems: externalProblems } = externalPackages(convexDir, root);
  problems.push(...externalProblems);
  const external_ = new Set(external);
  const nodeBundle = await runBundle(
    node,
    convexBuildOptions(convexDir, "node", [externalPlugin(external_)]),
  );
  problems.push(
    ...esbuildProblems(nodeBundle.errors, show).map((p) => ({
      ...p,
      message: `${p.message} (in the Node bundle: a package that cannot be bundled belongs in node.externalPackages of convex.json and in the backend's package.json)`,
    })),
  );
  problems.push(...(await nodeExportProblems(node, show)));

  const inputs = [isolate.metafile, nodeBundle.metafile].flatMap((m) =>
    m === undefined
      ? []
      : Object.keys(m.inputs)
          .filter((p) => !/^[a-z-]+:/.test(p))
          .map((p) => path.resolve(convexDir, p)),
  );
  return {
    defaultRuntime: defaultRuntime.map(show),
    node: node.map(show),
    external,
    problems,
    inputs: [...new Set(inputs)],
  };
}

/**
 * One problem per place the built-ins come from (a package, or our own file that imports them), with
 * the shortest chain from a default-runtime file and how many other such files reach it.
 */
function builtinProblems(metafile: Metafile, convexDir: string, root: string, entries: string[]): Problem[] {
  // Every file in the folder is a module, helpers too; a chain reads best from a file no other
  // module imports (a file of functions), so those are preferred, the shortest first.
  const imported = new Set(
    Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)),
  );
  const better = (a: string[], b: string[]) => {
    const [aRoot, bRoot] = [!imported.has(a[0]!), !imported.has(b[0]!)];
    return aRoot !== bRoot ? aRoot : a.length < b.length;
  };
  const groups = new Map<string, { chain: string[]; builtins: Set<string>; entries: Set<string> }>();
  for (const entry of entries) {
    for (const [builtin, chain] of builtinChains(metafile, path.relative(convexDir, entry))) {
      const key = sourceOf(chain, (p) => displayPath(convexDir, p, root));
      const group = groups.get(key) ?? { chain, builtins: new Set(), entries: new Set() };
      if (better(chain, group.chain)) group.chain = chain;
      group.builtins.add(builtin);
      group.entries.add(chain[0]!);
      groups.set(key, group);
    }
  }
  return [...groups].map(([source, group]) => {
    const shown = group.chain.map((p, i) =>
      i === group.chain.length - 1 ? p : displayPath(convexDir, p, root),
    );
    const others = group.entries.size - 1;
    return {
      file: shown[0]!,
      message:
        `reaches the Node built-in${group.builtins.size > 1 ? "s" : ""} ${[...group.builtins].map((b) => `"${b}"`).join(", ")} ` +
        `through ${source} in Convex's default runtime, where they do not exist: ${shown.join(" → ")}` +
        (others > 0 ? ` (and ${others} other default-runtime file${others > 1 ? "s" : ""})` : "") +
        `. Only a "use node" file (actions only) may import it.`,
    };
  });
}

/** What brings the built-in in: the first package on the chain, else the file that imports it. */
function sourceOf(chain: string[], show: (metafilePath: string) => string): string {
  const packagePath = chain.find((p) => p.includes("node_modules/"));
  if (packagePath !== undefined) {
    const after = packagePath
      .slice(packagePath.lastIndexOf("node_modules/") + "node_modules/".length)
      .split("/");
    return after[0]!.startsWith("@") ? `${after[0]}/${after[1]}` : after[0]!;
  }
  return show(chain.at(-2) ?? chain[0]!);
}

/** The first statement is the `"use node"` directive (comments and blank lines may come before). */
function hasUseNodeDirective(file: string): boolean {
  const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const first = source.split("\n").find((line) => line.trim() !== "" && !line.trim().startsWith("//"));
  return first !== undefined && /^\s*("|')use node\1;?\s*$/.test(first);
}

function esbuildProblems(errors: Message[], show: (file: string) => string): Problem[] {
  return errors.map((error) => ({
    file: error.location ? show(error.location.file) : "(bundle)",
    message: `${error.text}${error.location ? ` (line ${error.location.line})` : ""}`,
  }));
}

/**
 * The packages Convex leaves out of the Node bundle (bundler `computeExternalPackages`): those in
 * `node.externalPackages` that are also dependencies in the package.json next to convex.json and
 * installed in its node_modules. Any other entry is bundled after all, which is reported.
 */
function externalPackages(convexDir: string, root: string): { external: string[]; problems: Problem[] } {
  const packageDir = path.dirname(convexDir);
  const configFile = path.join(packageDir, "convex.json");
  if (!existsSync(configFile)) return { external: [], problems: [] };
  const config = JSON.parse(readFileSync(configFile, "utf8")) as { node?: { externalPackages?: string[] } };
  const listed = config.node?.externalPackages ?? [];
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
  const dependencies = new Set(
    ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((k) =>
      Object.keys(manifest[k] ?? {}),
    ),
  );
  const external: string[] = [];
  const problems: Problem[] = [];
  for (const name of listed) {
    if (name === "*") {
      external.push(...[...dependencies].filter((d) => existsSync(path.join(packageDir, "node_modules", d))));
    } else if (!dependencies.has(name)) {
      problems.push({
        file: path.relative(root, configFile),
        message: `node.externalPackages lists "${name}", which is not a dependency in ${path.relative(root, path.join(packageDir, "package.json"))}: Convex would bundle it instead`,
      });
    } else if (!existsSync(path.join(packageDir, "node_modules", name))) {
      problems.push({
        file: path.relative(root, configFile),
        message: `node.externalPackages lists "${name}", which is not installed in ${path.relative(root, packageDir)}/node_modules`,
      });
    } else external.push(name);
  }
  return { external, problems };
}

/** Marks imports of the external packages as external, wherever in the graph they are imported. */
function externalPlugin(external: Set<string>): Plugin {
  return {
    name: "convex-node-externals",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split("/");
        const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
        if (!external.has(name)) return undefined;
        // Convex also requires that it resolves to the backend's own copy (another version nested
        // elsewhere is bundled); with pnpm's one linked copy per version this is the same here.
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * A `"use node"` file may define only actions (Convex rejects the push otherwise). Loads each one, as
 * the Node runtime would, and reads what its exports are registered as.
 */
async function nodeExportProblems(files: string[], show: (file: string) => string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const kind = functionKind(value);
      if (kind !== undefined && kind !== "action")
        problems.push({
          file: show(file),
          message: `exports ${kind} "${name}", but a "use node" file may export only actions: move it to a file without "use node"`,
        });
    }
  }
  return problems;
}

function functionKind(value: unknown): "query" | "mutation" | "action" | "HTTP action" | undefined {
  if (typeof value !== "object" && typeof value !== "function") return undefined;
  const flags = value as Record<string, unknown> | null;
  if (flags === null) return undefined;
  if (flags.isQuery === true) return "query";
  if (flags.isMutation === true) return "mutation";
  if (flags.isAction === true) return "action";
  if (flags.isHttp === true) return "HTTP action";
  return undefined;
}
