export { startLocalConvex, type LocalConvex, type LocalConvexOptions } from "./local-convex.ts";
export { generateCode, staleGeneratedFiles, writeGeneratedCode } from "./codegen/generate.ts";
export { listEntryPoints } from "./codegen/entry-points.ts";
export {
  readComponentTree,
  flattenComponentPaths,
  resolveComponentDir,
  type ComponentNode,
} from "./components/component-tree.ts";
export type { LogEntry } from "./logs/log-stream.ts";
export { callFunction, resolveTarget, type Target } from "./cli/client-commands.ts";
export { LOCAL_CONVEX_CLI } from "./cli/cli-path.ts";
