import { fileURLToPath } from "node:url";

/** Where `npx convex dev` runs (its convex.json and .env.local live there). */
export const BACKEND_DIR = fileURLToPath(new URL("../../../packages/backend", import.meta.url));
/** The Convex functions folder local-convex serves. */
export const CONVEX_DIR = fileURLToPath(new URL("../../../packages/backend/convex", import.meta.url));
