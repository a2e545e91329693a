import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { startTestDeployment, type TestDeployment } from "../src/testing/index.ts";
import type { LocalConvexOptions } from "../src/index.ts";
import { FIXTURE_COMPONENTS } from "./fixture-app/components.ts";

/** The fixture app's functions folder. */
export const FIXTURE_DIR = fileURLToPath(new URL("./fixture-app/convex", import.meta.url));

export const ISSUER = "https://auth.fixture.local";
export const AUDIENCE = "fixture-app";

/** A local RS256 issuer: its JWKS as a data: URI (what auth.config.ts reads) and a token minter. */
export async function localIssuer() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const jwks = `data:application/json,${encodeURIComponent(JSON.stringify({ keys: [jwk] }))}`;
  const token = (
    subject: string,
    options: { expiresIn?: string | number; issuer?: string; audience?: string } = {},
  ) =>
    new SignJWT({ email: `${subject}@example.com` })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? "1h")
      .sign(privateKey);
  return { jwks, token };
}

/** The fixture app on a fresh in-memory (or `persist`ed) deployment. */
export function startFixture(
  options: Partial<LocalConvexOptions> & { persist?: boolean; keepState?: boolean } = {},
): Promise<TestDeployment> {
  return startTestDeployment({ convexDir: FIXTURE_DIR, components: FIXTURE_COMPONENTS, ...options });
}

/** Polls `read` until `predicate` holds (the clients deliver updates asynchronously). */
export async function eventually<T>(
  read: () => T,
  predicate: (v: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (predicate(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
