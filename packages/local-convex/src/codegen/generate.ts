import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { packageNameOf, readComponentTree, resolveComponentDir } from "../components/component-tree.ts";
import { listEntryPoints } from "./entry-points.ts";
import { convexTemplates, type ComponentDirectory, type TemplateCtx } from "./convex-templates.ts";

/** The files of `convex/_generated/`, keyed by file name. */
export type GeneratedFiles = Map<string, string>;

/**
 * Produces `_generated/{api,server,dataModel}.{js,d.ts}` for a Convex functions folder without a
 * deployment. `npx convex codegen` needs one for apps with components only to learn the child
 * components, which we read from convex.config.ts; every file body comes from Convex's own templates.
 */
export async function generateCode(convexDir: string): Promise<GeneratedFiles> {
  const t = convexTemplates();
  const dir = path.resolve(convexDir);
  const ctx: TemplateCtx = {
    fs: t.nodeFs,
    crash: ({ printedMessage }) => Promise.reject(new Error(printedMessage ?? "codegen failed")),
  };
  const hasSchema = ["schema.ts", "schema.js"].some((f) => existsSync(path.join(dir, f)));
  const configFile = ["convex.config.ts", "convex.config.js"].find((f) => existsSync(path.join(dir, f)));
  const files: GeneratedFiles = new Map();

  const server = t.serverCodegen({ useTypeScript: false, ...(configFile ? { envVars: [] } : {}) });
  files.set("server.js", server.JS);
  files.set("server.d.ts", server.DTS);
  files.set("dataModel.d.ts", hasSchema ? t.dynamicDataModelDTS() : t.noSchemaDataModelDTS());

  if (configFile === undefined) {
    const modulePaths = listEntryPoints(dir)
      .map((p) => path.relative(dir, p))
      .sort((a, b) => t.compareModulePaths(a, b));
    const api = t.apiCodegen(modulePaths, { useTypeScript: false });
    files.set("api.js", api.JS);
    files.set("api.d.ts", api.DTS);
  } else {
    const configPath = path.join(dir, configFile);
    const root: ComponentDirectory = {
      isRoot: true,
      isRootWithoutConfig: false,
      path: dir,
      definitionPath: configPath,
    };
    // What the deployment's analysis would report: the direct children, by path relative to the app.
    const source = readFileSync(configPath, "utf8");
    const specifiers = new Map(
      [...source.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)["']/g)].map((m) => [m[1], m[2]]),
    );
    const children = readComponentTree(dir).map((node) => {
      const specifier = [...specifiers.values()].find((s) => s && packageNameOf(s) === node.packageName);
      const componentDir = resolveComponentDir(node.packageName, configPath);
      return { name: node.name, path: path.relative(dir, componentDir), componentDir, specifier };
    });
    const componentsMap = new Map(
      children.map((c) => [
        path.normalize(c.componentDir),
        { importSpecifier: packageNameOf(c.specifier ?? "") },
      ]),
    );
    const startPush = {
      analysis: {
        "": { definition: { childComponents: children.map(({ name, path }) => ({ name, path })) } },
      },
    };
    files.set("api.js", t.componentApiJs());
    files.set(
      "api.d.ts",
      await t.componentApiDTS(ctx, startPush, root, root, componentsMap, {
        staticApi: false,
        useComponentApiImports: true,
      }),
    );
  }
  const formatted: GeneratedFiles = new Map();
  for (const [name, contents] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    formatted.set(name, await t.format(contents, { parser: "typescript", pluginSearchDirs: false }));
  }
  return formatted;
}

/** Files whose content on disk differs from what `generateCode` produces now. */
export async function staleGeneratedFiles(convexDir: string): Promise<string[]> {
  const expected = await generateCode(convexDir);
  const stale: string[] = [];
  for (const [name, contents] of expected) {
    const file = path.join(convexDir, "_generated", name);
    if (!existsSync(file) || readFileSync(file, "utf8") !== contents) stale.push(name);
  }
  return stale;
}

/** Writes the generated files (each through a temp file + rename), leaving unchanged files alone. */
export async function writeGeneratedCode(convexDir: string): Promise<string[]> {
  const out = path.join(convexDir, "_generated");
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const [name, contents] of await generateCode(convexDir)) {
    const file = path.join(out, name);
    if (existsSync(file) && readFileSync(file, "utf8") === contents) continue;
    writeFileSync(`${file}.tmp`, contents);
    renameSync(`${file}.tmp`, file);
    written.push(name);
  }
  return written;
}
