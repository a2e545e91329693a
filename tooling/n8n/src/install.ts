import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The n8n release the suite and the workflows in docs/integrations/n8n are tested with. */
export const N8N_VERSION = "1.123.0";

/**
 * Where n8n is installed: a folder of its own, ignored by git and outside the pnpm workspace (1.6 GB
 * of dependencies nobody else needs), installed by plain npm from the registry.
 */
export const INSTALL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.n8n-install");

/**
 * n8n pins `xlsx` to a tarball on another host (cdn.sheetjs.com), which this machine cannot reach; the
 * registry's last `xlsx`, 0.18.5, installs and n8n starts with it (issue 17).
 */
const INSTALL_MANIFEST = {
  name: "answerbase-n8n-install",
  private: true,
  description: "n8n for `pnpm test:n8n` (tooling/n8n), installed by npm outside the pnpm workspace",
  dependencies: { n8n: N8N_VERSION },
  overrides: { xlsx: "0.18.5" },
};

/** The installed n8n's entry point (run with this Node), or null when it is missing or another version. */
export function installedN8n(): string | null {
  const manifest = path.join(INSTALL_DIR, "node_modules/n8n/package.json");
  if (!existsSync(manifest)) return null;
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return version === N8N_VERSION ? path.join(INSTALL_DIR, "node_modules/n8n/bin/n8n") : null;
}

/** Installs n8n unless this version is already there; npm's output goes to the console (it takes minutes). */
export async function ensureN8n(): Promise<string> {
  const existing = installedN8n();
  if (existing !== null) return existing;
  mkdirSync(INSTALL_DIR, { recursive: true });
  writeFileSync(path.join(INSTALL_DIR, "package.json"), `${JSON.stringify(INSTALL_MANIFEST, null, 2)}\n`);
  const started = Date.now();
  console.log(`Installing n8n@${N8N_VERSION} into ${INSTALL_DIR} (about 8 minutes, 1.6 GB)…`);
  await new Promise<void>((resolve, reject) => {
    const npm = spawn("npm", ["install", "--no-audit", "--no-fund", "--loglevel=warn"], {
      cwd: INSTALL_DIR,
      stdio: "inherit",
    });
    npm.once("error", reject);
    npm.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`npm install of n8n exited with ${code}`)),
    );
  });
  const installed = installedN8n();
  if (installed === null)
    throw new Error(`npm install finished but n8n@${N8N_VERSION} is not in ${INSTALL_DIR}`);
  console.log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `tsx src/install.ts`: install ahead of the suite (pnpm test:n8n does it too).
  await ensureN8n();
}
