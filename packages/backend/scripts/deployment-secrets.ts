import { randomBytes } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

/**
 * The deployment secrets a fresh deployment needs, generated locally: Convex Auth's signing key and
 * the JWKS that verifies it, and the AES-256-GCM key for data source configs when Secrets Manager is
 * not used. `pnpm dev` creates them once and keeps them in `.answerbase/`; production sets them with
 * `npx convex env set`.
 */
export async function generateDeploymentSecrets() {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    // Convex Auth reads the PEM with its line breaks turned into spaces (env values are one line).
    JWT_PRIVATE_KEY: (await exportPKCS8(privateKey)).trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", ...jwk }] }),
    DATA_SOURCE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}
