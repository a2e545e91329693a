import { builtinModules } from "node:module";
import path from "node:path";
import esbuild, { type BuildOptions, type Message, type Metafile, type Plugin } from "esbuild";

/**
 * esbuild the way `npx convex deploy` runs it (convex 1.48, `dist/cjs/bundler/debugBundle.js`
 * `innerEsbuild`): ESM, esnext, the `convex` and `module` conditions, splitting, `NODE_ENV` defined,
 * the async_hooks shim for the default runtime and the `server-only` stub. Nothing is written.
 */
export function convexBuildOptions(
  convexDir: string,
  platform: "browser" | "node",
  plugins: Plugin[],
): BuildOptions & { metafile: true; write: false } {
  return {
    bundle: true,
    platform,
    format: "esm",
    target: "esnext",
    jsx: "automatic",
    outdir: "out",
    outbase: convexDir,
    absWorkingDir: convexDir,
    conditions: ["convex", "module"],
    plugins: [...(platform === "browser" ? [asyncHooksShim] : []), serverOnlyStub, ...plugins],
    write: false,
    splitting: true,
    chunkNames: "_deps/[hash]",
    treeShaking: true,
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
    logLevel: "silent",
  };
}

// The Convex runtime provides AsyncLocalStorage itself; the CLI swaps the import for a shim.
const asyncHooksShim: Plugin = {
  name: "convex-async-hooks-shim",
  setup(build) {
    build.onResolve({ filter: /^(node:)?async_hooks$/ }, (args) => ({ path: args.path, namespace: "shim" }));
    build.onLoad({ filter: /.*/, namespace: "shim" }, () => ({
      contents: "export const AsyncLocalStorage = globalThis.AsyncLocalStorage; export default {};",
      loader: "js",
    }));
  },
};

const serverOnlyStub: Plugin = {
  name: "convex-server-only",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "", loader: "js" }));
  },
};

const BUILTINS = new Set(builtinModules);
/** `node:fs`, `fs`, `fs/promises`: a module only Node has. */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  const [first] = specifier.split("/");
  return first !== undefined && BUILTINS.has(first);
}

const RESOLVING = Symbol("resolving");

/**
 * For the default runtime: a Node built-in that the browser resolution cannot replace (a package's
 * `browser` field may map it to an empty module) is kept as an external import, so the bundle still
 * completes and the metafile shows every file that reaches one, not just the first error.
 */
export const nodeBuiltinsAsExternal: Plugin = {
  name: "node-builtins-as-external",
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === RESOLVING || !isNodeBuiltin(args.path)) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      if (resolved.errors.length === 0 && !resolved.external) {
        return { path: resolved.path, namespace: resolved.namespace, sideEffects: resolved.sideEffects };
      }
      return { path: args.path, external: true };
    });
  },
};

export interface BundleResult {
  metafile: Metafile | undefined;
  errors: Message[];
  warnings: Message[];
}

/** Runs esbuild and returns its errors as data (esbuild throws them). */
export async function runBundle(
  entryPoints: string[],
  options: BuildOptions & { metafile: true; write: false },
): Promise<BundleResult> {
  if (entryPoints.length === 0) return { metafile: undefined, errors: [], warnings: [] };
  try {
    const result = await esbuild.build({ ...options, entryPoints });
    return { metafile: result.metafile, errors: result.errors, warnings: result.warnings };
  } catch (error) {
    if (error instanceof Error && "errors" in error && "warnings" in error) {
      const { errors, warnings } = error as Error & { errors: Message[]; warnings: Message[] };
      return { metafile: undefined, errors, warnings };
    }
    throw error;
  }
}

/**
 * Every Node built-in reachable from `entry` in the metafile's import graph, each with the shortest
 * chain of files that reaches it (metafile paths, entry first, ending with the built-in).
 */
export function builtinChains(metafile: Metafile, entry: string): Map<string, string[]> {
  const previous = new Map<string, string | null>([[entry, null]]);
  const found = new Map<string, string[]>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.external && isNodeBuiltin(imported.path)) {
        if (found.has(imported.path)) continue;
        const chain = [imported.path];
        for (let at: string | null | undefined = file; at != null; at = previous.get(at)) chain.unshift(at);
        found.set(imported.path, chain);
      } else if (!imported.external && !previous.has(imported.path)) {
        previous.set(imported.path, file);
        queue.push(imported.path);
      }
    }
  }
  return found;
}

/** A metafile path (relative to the functions folder, maybe `ns:path`) as a path from `root`. */
export function displayPath(convexDir: string, metafilePath: string, root: string): string {
  if (/^[a-z-]+:/.test(metafilePath)) return metafilePath;
  return path.relative(root, path.resolve(convexDir, metafilePath));
}
