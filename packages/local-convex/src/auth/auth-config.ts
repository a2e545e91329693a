import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { TokenVerifier, VerifiedToken } from "./identity.ts";
import { JwtVerifier, type AuthProvider } from "./jwt-verifier.ts";

/**
 * The verifier for the providers of `auth.config.ts`. The file reads the deployment's environment
 * (`process.env.X`) when it is evaluated, so `reload()` evaluates a fresh copy after an env change, as a
 * push would on a deployment.
 */
export class AuthConfigVerifier implements TokenVerifier {
  private current: JwtVerifier = new JwtVerifier([]);
  private loads = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly convexDir: string) {}

  /** Re-evaluates auth.config.ts; tokens verified meanwhile wait for the new providers. */
  reload(): Promise<void> {
    this.pending = this.load();
    return this.pending;
  }

  private async load(): Promise<void> {
    const file = ["auth.config.ts", "auth.config.js"]
      .map((name) => path.join(this.convexDir, name))
      .find((f) => existsSync(f));
    if (file === undefined) return;
    // A query string makes the module loader evaluate the file again instead of reusing the cache.
    const url = `${pathToFileURL(file).href}${this.loads++ === 0 ? "" : `?reload=${this.loads}`}`;
    const config = ((await import(url)) as { default?: { providers?: AuthProvider[] } }).default;
    this.current = new JwtVerifier(config?.providers ?? []);
  }

  async verify(token: string): Promise<VerifiedToken> {
    // A failed reload keeps the previous providers (the failure was reported when it happened).
    await this.pending.catch(() => undefined);
    return this.current.verify(token);
  }
}
