import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { runInThisContext } from "node:vm";
import { listEntryPoints } from "./entry-points.ts";

// Convex's own codegen templates (CommonJS inside the `convex` package). Using them, instead of copies,
// keeps `_generated/` byte-identical to what `npx convex codegen` of the installed version writes.

/** The subset of the Convex CLI context the templates and the entry-point walker touch. */
export interface TemplateCtx {
  fs: unknown;
  crash(args: { printedMessage?: string }): Promise<never>;
}

export interface ComponentDirectory {
  isRoot: boolean;
  isRootWithoutConfig: boolean;
  path: string;
  definitionPath: string;
}

export interface StartPushStub {
  analysis: Record<string, { definition: { childComponents: { name: string; path: string }[] } }>;
}

interface Templates {
  header(description: string): string;
  compareModulePaths(a: string, b: string): number;
  apiCodegen(modulePaths: string[], opts: { useTypeScript: false }): { DTS: string; JS: string };
  componentApiJs(): string;
  componentApiDTS(
    ctx: TemplateCtx,
    startPush: StartPushStub,
    root: ComponentDirectory,
    dir: ComponentDirectory,
    componentsMap: Map<string, { importSpecifier: string }>,
    opts: { staticApi: boolean; useComponentApiImports: boolean },
  ): Promise<string>;
  serverCodegen(opts: { useTypeScript: false; envVars?: unknown[] }): { DTS: string; JS: string };
  dynamicDataModelDTS(): string;
  noSchemaDataModelDTS(): string;
  nodeFs: unknown;
  format(source: string, options: { parser: string; pluginSearchDirs: false }): Promise<string>;
}

let cached: Templates | undefined;

/** Loads the installed convex package's templates; `convex` is resolved from this package. */
export function convexTemplates(): Templates {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const convexRoot = path.dirname(require.resolve("convex/package.json"));
  const load = (rel: string) => require(path.join(convexRoot, "dist/cjs", rel)) as Record<string, unknown>;
  // component_api.js and dataModel.js also import CLI-only modules (bundled into the CLI, not installed)
  // that the template functions we call never use; load them with those imports stubbed, and with the
  // bundler's entry-point walker replaced by ours.
  const bundlerStub = { entryPoints: (_ctx: unknown, dir: string) => Promise.resolve(listEntryPoints(dir)) };
  // The two path helpers of lib/components/definition/directoryStructure.js (same code).
  const directoryStructure = {
    toComponentDefinitionPath: (root: ComponentDirectory, component: ComponentDirectory) =>
      path.relative(root.path, component.path).split(path.sep).join(path.posix.sep),
    toAbsolutePath: (root: ComponentDirectory, definitionPath: string) =>
      path.normalize(path.join(root.path, definitionPath.split(path.posix.sep).join(path.sep))),
  };
  const loadStubbed = (rel: string) => {
    const file = path.join(convexRoot, "dist/cjs", rel);
    const fileRequire = createRequire(file);
    const stubbedRequire = (specifier: string): unknown => {
      if (specifier.endsWith("/bundler/index.js")) return bundlerStub;
      if (specifier.endsWith("/directoryStructure.js")) return directoryStructure;
      try {
        return fileRequire(specifier);
      } catch {
        return new Proxy({}, { get: () => () => undefined });
      }
    };
    const wrapper = runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`,
      { filename: file },
    ) as (e: object, r: unknown, m: { exports: object }, f: string, d: string) => void;
    const module = { exports: {} };
    wrapper(module.exports, stubbedRequire, module, file, path.dirname(file));
    return module.exports as Record<string, unknown>;
  };
  // Convex formats generated files with its own prettier dependency; resolve that exact one.
  const prettier = createRequire(path.join(convexRoot, "package.json"))("prettier") as {
    format: Templates["format"];
  };
  cached = {
    ...load("cli/codegen_templates/common.js"),
    ...load("cli/codegen_templates/api.js"),
    ...loadStubbed("cli/codegen_templates/component_api.js"),
    ...load("cli/codegen_templates/server.js"),
    ...loadStubbed("cli/codegen_templates/dataModel.js"),
    nodeFs: load("bundler/fs.js").nodeFs,
    format: (source, options) => prettier.format(source, options),
  } as Templates;
  return cached;
}
