import path from "node:path";
import { resolveComponentDir, type ComponentNode } from "../components/component-tree.ts";
import type { ComponentRegistration } from "./convex-test-adapter.ts";
import { loadSchema, moduleMap } from "./modules.ts";

/** Schema and modules of every component in the tree, nested ones under `parent/child` paths. */
export async function componentRegistrations(
  nodes: ComponentNode[],
  fromFile: string,
  prefix: string,
): Promise<ComponentRegistration[]> {
  const result: ComponentRegistration[] = [];
  for (const node of nodes) {
    const componentPath = prefix === "" ? node.name : `${prefix}/${node.name}`;
    const dir = resolveComponentDir(node.packageName, fromFile);
    result.push({ path: componentPath, schema: await loadSchema(dir), modules: moduleMap(dir) });
    result.push(
      ...(await componentRegistrations(node.children, path.join(dir, "convex.config.js"), componentPath)),
    );
  }
  return result;
}
