export { startLocalConvex, type LocalConvex, type LocalConvexOptions } from "./local-convex.ts";
export { generateCode, staleGeneratedFiles, writeGeneratedCode } from "./codegen/generate.ts";
export { readComponentTree, flattenComponentPaths, type ComponentNode } from "./components/component-tree.ts";
export type { LogEntry } from "./logs/log-stream.ts";
