import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { generateDeploymentSecrets } from "@answerbase/backend/deployment-secrets";
import { StartupError } from "@answerbase/local-cloud";

export type DeploymentSecrets = Awaited<ReturnType<typeof generateDeploymentSecrets>>;

const NAMES = ["JWT_PRIVATE_KEY", "JWKS", "DATA_SOURCE_ENCRYPTION_KEY"] as const;

/**
 * The local deployment's secrets (Convex Auth's signing key and JWKS, the data source encryption key),
 * generated on the first run and kept in `file` (mode 0600). They must stay the same across runs:
 * new keys would sign everyone out and leave encrypted data sources unreadable.
 */
export async function loadOrCreateDeploymentSecrets(file: string): Promise<DeploymentSecrets> {
  if (existsSync(file)) return parseSecrets(file, await readFile(file, "utf8"));
  const secrets = await generateDeploymentSecrets();
  await mkdir(dirname(file), { recursive: true });
  // "wx": never overwrite a file another `pnpm dev` wrote meanwhile.
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return secrets;
}

function parseSecrets(file: string, text: string): DeploymentSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  const missing = NAMES.filter((name) => typeof record[name] !== "string" || record[name] === "");
  if (missing.length > 0) {
    throw new StartupError(
      `${file} is not valid (missing ${missing.join(", ")}); delete .answerbase/ to start from scratch.`,
    );
  }
  return Object.fromEntries(NAMES.map((name) => [name, record[name]])) as DeploymentSecrets;
}
