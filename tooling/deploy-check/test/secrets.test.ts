import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseEnv, promisify } from "node:util";
import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet } from "jose";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/secrets-cli.ts", import.meta.url));

describe("pnpm deploy:secrets", () => {
  it("prints a .env file whose signing key and JWKS work together, and a 32-byte data-source key", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", cli]);
    // Node's dotenv parser; the Convex CLI's (`env set --from-file`, dotenv 16) keeps single-quoted values as
    // they are too.
    const env = parseEnv(stdout) as Record<string, string | undefined>;
    expect(Object.keys(env).sort()).toEqual(["DATA_SOURCE_ENCRYPTION_KEY", "JWKS", "JWT_PRIVATE_KEY"]);

    // What Convex Auth does with them: sign with the private key, verify against the JWKS it serves.
    const key = await importPKCS8(env.JWT_PRIVATE_KEY!, "RS256");
    const token = await new SignJWT({ sub: "user" }).setProtectedHeader({ alg: "RS256" }).sign(key);
    const jwks = createLocalJWKSet(JSON.parse(env.JWKS!) as JSONWebKeySet);
    expect((await jwtVerify(token, jwks)).payload.sub).toBe("user");

    expect(Buffer.from(env.DATA_SOURCE_ENCRYPTION_KEY!, "base64")).toHaveLength(32);
  });
});
