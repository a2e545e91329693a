import { LocalCloudEnvSchema, parseEnv } from "@answerbase/local-cloud";
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);

/** Settings of `pnpm dev`: the local cloud's and local-convex's ports; every variable is optional. */
const DevEnvSchema = LocalCloudEnvSchema.extend({
  /** local-convex's client API (CONVEX_URL). A fixed port: the printed URL must stay the same. */
  LOCAL_CONVEX_PORT: port(3210),
  /** local-convex's HTTP actions (CONVEX_SITE_URL). */
  LOCAL_CONVEX_SITE_PORT: port(3211),
});

export type DevEnv = z.infer<typeof DevEnvSchema>;

/** Reads `.env` (if any) and the environment, naming every bad variable in one StartupError. */
export function readDevEnv(source: NodeJS.ProcessEnv = process.env): DevEnv {
  return parseEnv(DevEnvSchema, source, "pnpm dev");
}
