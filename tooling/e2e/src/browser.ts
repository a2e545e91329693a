import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Debian's Chromium with a fresh profile. `blockThirdPartyStorage` sets the profile's "block third-party
 * cookies" preference, which also denies storage to cross-site iframes, as privacy-minded users have it.
 */
export async function launchChromium(options: { blockThirdPartyStorage?: boolean } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "answerbase-chromium-"));
  if (options.blockThirdPartyStorage) {
    mkdirSync(path.join(userDataDir, "Default"), { recursive: true });
    writeFileSync(
      path.join(userDataDir, "Default", "Preferences"),
      JSON.stringify({ profile: { block_third_party_cookies: true, cookie_controls_mode: 1 } }),
    );
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
