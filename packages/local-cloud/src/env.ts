import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { StartupError } from "./startup-error.ts";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** Environment of `pnpm dev` for the local cloud; every variable is optional. */
export const LocalCloudEnvSchema = z.object({
  /** Use this Postgres server instead of the embedded PGlite (it is never re-seeded automatically). */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for local state: embedded database files, secrets. Delete it to start fresh. */
  ANSWERBASE_STATE_DIR: z.string().default(`${REPO_ROOT}.answerbase`),
  LOCAL_CLOUD_HOST: z.string().default("127.0.0.1"),
  /** One port for every emulator, like LocalStack's edge port. */
  LOCAL_CLOUD_PORT: port(4566),
  EMBEDDED_POSTGRES_PORT: port(54329),
  /** The demo CRM the demo organization's agent actions call (its URL is saved in those actions). */
  DEMO_CRM_PORT: port(4580),
});

export type LocalCloudEnv = z.infer<typeof LocalCloudEnvSchema>;

/** Loads `.env` at the repository root into process.env, if there is one. */
export function loadDotEnv(): void {
  // Variables already set in the shell win over .env, as with every dotenv loader.
  if (existsSync(`${REPO_ROOT}.env`)) process.loadEnvFile(`${REPO_ROOT}.env`);
}

/** Reads `.env` at the repository root (if any), then validates, naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): LocalCloudEnv {
  return parseEnv(LocalCloudEnvSchema, source, "the local cloud");
}

/**
 * Validates `source` against `schema` (after loading `.env` when `source` is process.env); every bad
 * variable is named in one StartupError, so the user fixes them all at once.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  source: NodeJS.ProcessEnv,
  label: string,
): z.infer<Schema> {
  if (source === process.env) loadDotEnv();
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new StartupError(`Invalid environment for ${label}:\n${problems}\nSee .env.example.`);
  }
  return parsed.data;
}
