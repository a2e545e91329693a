import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JwtVerifier } from "../src/auth/jwt-verifier.ts";

// An OIDC issuer on this machine (as the site port serves one for a Convex Auth app): discovery + JWKS.
let server: Server;
let domain: string;
let sign: (claims: { sub: string; aud?: string; exp?: number }) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "oidc", alg: "RS256", use: "sig" }] };
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration")
      res.end(JSON.stringify({ issuer: domain, jwks_uri: `${domain}/.well-known/jwks.json` }));
    else if (req.url === "/.well-known/jwks.json") res.end(JSON.stringify(jwks));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sign = ({ sub, aud = "convex", exp }) =>
    new SignJWT({ name: "Ada" })
      .setProtectedHeader({ alg: "RS256", kid: "oidc" })
      .setIssuer(domain)
      .setSubject(sub)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(exp ?? "1h")
      .sign(privateKey);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("OIDC providers (domain + applicationID)", () => {
  it("fetches discovery and keys from the local domain and maps claims to the identity", async () => {
    const verifier = new JwtVerifier([{ domain, applicationID: "convex" }]);
    const { identity, expiresAt } = await verifier.verify(await sign({ sub: "user|1" }));
    expect(identity).toMatchObject({
      subject: "user|1",
      issuer: domain,
      tokenIdentifier: `${domain}|user|1`,
      name: "Ada",
    });
    expect(expiresAt).toBeGreaterThan(Date.now());
  });

  it("rejects a wrong audience, an expired token, an unknown issuer and garbage", async () => {
    const verifier = new JwtVerifier([{ domain, applicationID: "convex" }]);
    await expect(verifier.verify(await sign({ sub: "u", aud: "other" }))).rejects.toThrow(/Could not verify/);
    await expect(
      verifier.verify(await sign({ sub: "u", exp: Math.floor(Date.now() / 1000) - 60 })),
    ).rejects.toThrow("Token expired");
    await expect(new JwtVerifier([]).verify(await sign({ sub: "u" }))).rejects.toThrow(
      /No auth provider found/,
    );
    await expect(verifier.verify("not-a-jwt")).rejects.toThrow(/Could not parse JWT/);
  });

  it("refuses to fetch keys from another machine", async () => {
    const verifier = new JwtVerifier([
      { type: "customJwt", issuer: domain, jwks: "https://example.com/jwks", algorithm: "RS256" },
    ]);
    await expect(verifier.verify(await sign({ sub: "u" }))).rejects.toThrow(
      /only fetches keys from this machine/,
    );
  });
});
