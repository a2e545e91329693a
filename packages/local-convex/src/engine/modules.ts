import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import type { ModuleMap } from "./convex-test-adapter.ts";
import { withBoundBodies } from "./streamed-http.ts";

const MODULE_FILE = /^[^.]+\.(ts|js|mjs|tsx)$/;

/**
 * convex-test's module map for a functions folder, built from the files on disk (so `import.meta.glob`
 * and Vite are not needed). Keys are absolute paths; convex-test finds the root by the `_generated` key.
 */
export function moduleMap(dir: string): ModuleMap {
  const modules: ModuleMap = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (MODULE_FILE.test(entry.name)) {
        const load = () => import(pathToFileURL(full).href) as Promise<Record<string, unknown>>;
        // The deployment's router (http.ts at the top): streamed bodies keep their action's context.
        modules[full] =
          current === dir && /^http\.[jt]s$/.test(entry.name)
            ? async () => {
                const module = await load();
                return {
                  ...module,
                  default: withBoundBodies(module.default as Parameters<typeof withBoundBodies>[0]),
                };
              }
            : load;
      }
    }
  };
  walk(dir);
  if (!Object.keys(modules).some((key) => key.includes(`${path.sep}_generated${path.sep}`))) {
    throw new Error(`${dir} has no _generated/ folder: run \`local-convex codegen --convex-dir ${dir}\``);
  }
  return modules;
}

/** The default export of `schema.ts`/`schema.js` in `dir`, or null when there is none. */
export async function loadSchema(dir: string): Promise<SchemaDefinition<GenericSchema, boolean> | null> {
  for (const name of ["schema.ts", "schema.js"]) {
    const file = path.join(dir, name);
    if (existsSync(file)) {
      const module = (await import(pathToFileURL(file).href)) as {
        default: SchemaDefinition<GenericSchema, boolean>;
      };
      return module.default;
    }
  }
  return null;
}

/** Loads a module's default export if the file exists (auth.config.ts, crons.ts, http.ts). */
export async function loadDefaultExport(dir: string, baseName: string): Promise<unknown> {
  for (const ext of [".ts", ".js"]) {
    const file = path.join(dir, baseName + ext);
    if (existsSync(file)) {
      return ((await import(pathToFileURL(file).href)) as { default: unknown }).default;
    }
  }
  return undefined;
}
