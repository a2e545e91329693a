/**
 * Runs before the e2e tests: Debian's Chromium at /usr/bin/chromium, installed with apt-get when it is
 * missing (CI runs as root on Debian). Never `playwright install`: the browser comes from the distribution.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

ensureChromium();

export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log(`${CHROMIUM} is missing: installing Debian's chromium with apt-get…`);
  const run = (args: string[]) =>
    execFileSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  try {
    run(["install", "-y", "--no-install-recommends", "chromium"]);
  } catch {
    // A fresh machine has no package lists yet.
    run(["update"]);
    run(["install", "-y", "--no-install-recommends", "chromium"]);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
}
