import { fileURLToPath } from "node:url";

/**
 * The `local-convex` command's entry file, for tools that run `dev` as a child process (with
 * `node --import tsx`): dev mode restarts a process of its own, so it cannot run inside the caller's.
 */
export const LOCAL_CONVEX_CLI = fileURLToPath(new URL("./main.ts", import.meta.url));
