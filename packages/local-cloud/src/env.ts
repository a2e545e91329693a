import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/** Environment of `pnpm dev` for the local cloud; every variable is optional. */
const EnvSchema = z.object({
  /** Use this Postgres server instead of the embedded PGlite (it is never re-seeded automatically). */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for local state: embedded database files, secrets. Delete it to start fresh. */
  ANSWERBASE_STATE_DIR: z.string().default(`${REPO_ROOT}.answerbase`),
  LOCAL_CLOUD_HOST: z.string().default("127.0.0.1"),
  /** One port for every emulator, like LocalStack's edge port. */
  LOCAL_CLOUD_PORT: port(4566),
  EMBEDDED_POSTGRES_PORT: port(54329),
});

export type LocalCloudEnv = z.infer<typeof EnvSchema>;

/** Reads `.env` at the repository root (if any), then validates, naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): LocalCloudEnv {
  // Variables already set in the shell win over .env, as with every dotenv loader.
  if (source === process.env && existsSync(`${REPO_ROOT}.env`)) process.loadEnvFile(`${REPO_ROOT}.env`);
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment for the local cloud:\n${problems}\nSee .env.example.`);
  }
  return parsed.data;
}
