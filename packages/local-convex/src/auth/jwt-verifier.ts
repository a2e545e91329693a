import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
} from "jose";
import { AuthFailure, identityFromClaims, type TokenVerifier, type VerifiedToken } from "./identity.ts";

/** The providers of `auth.config.ts`, as convex/server's `AuthConfig` describes them. */
export type AuthProvider =
  | { type: "customJwt"; issuer: string; jwks: string; algorithm: string; applicationID?: string }
  | { type?: undefined; domain: string; applicationID: string };

interface ProviderKeys {
  issuer: string;
  audience?: string;
  algorithms?: string[];
  keys: () => Promise<JWTVerifyGetKey>;
}

/**
 * Verifies user JWTs the way a deployment does for the providers in auth.config.ts: the issuer picks
 * the provider, then signature, audience (applicationID), algorithm and expiry are checked. Keys come
 * from a `data:` URI or from an HTTP(S) URL on this machine (the site port serves OIDC discovery).
 */
export class JwtVerifier implements TokenVerifier {
  private readonly providers: ProviderKeys[];

  constructor(providers: AuthProvider[]) {
    this.providers = providers.map(toProviderKeys);
  }

  get providerCount(): number {
    return this.providers.length;
  }

  async verify(token: string): Promise<VerifiedToken> {
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new AuthFailure("Could not parse JWT payload. Check that the token is a valid JWT format.");
    }
    const provider = this.providers.find((p) => sameIssuer(p.issuer, issuer));
    if (provider === undefined) {
      const known = this.providers.map((p) => p.issuer).join(", ") || "no providers configured";
      throw new AuthFailure(
        `No auth provider found matching the given token (issuer ${JSON.stringify(issuer)}; configured: ${known}). Check authentication configuration in auth.config.ts.`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, await provider.keys(), {
        issuer: [
          provider.issuer,
          provider.issuer.replace(/\/$/, ""),
          `${provider.issuer.replace(/\/$/, "")}/`,
        ],
        ...(provider.audience === undefined ? {} : { audience: provider.audience }),
        ...(provider.algorithms === undefined ? {} : { algorithms: provider.algorithms }),
      });
      return {
        identity: identityFromClaims(payload),
        expiresAt: typeof payload.exp === "number" ? payload.exp * 1000 : null,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthFailure("Token expired");
      const reason = error instanceof Error ? error.message : String(error);
      throw new AuthFailure(
        `Could not verify OIDC token claim. Check that the token signature is valid and the token hasn't expired. (${reason})`,
      );
    }
  }
}

function sameIssuer(a: string, b: string | undefined): boolean {
  return b !== undefined && a.replace(/\/$/, "") === b.replace(/\/$/, "");
}

function toProviderKeys(provider: AuthProvider): ProviderKeys {
  if (provider.type === "customJwt") {
    return {
      issuer: provider.issuer,
      audience: provider.applicationID,
      algorithms: [provider.algorithm],
      keys: once(() => jwksFrom(provider.jwks)),
    };
  }
  return {
    issuer: provider.domain,
    audience: provider.applicationID,
    keys: once(async () => {
      const base = provider.domain.replace(/\/$/, "");
      const discovery = await localFetchJson(`${base}/.well-known/openid-configuration`);
      const jwksUri = (discovery as { jwks_uri?: unknown }).jwks_uri;
      if (typeof jwksUri !== "string") throw new Error(`${base}: openid-configuration has no jwks_uri`);
      return jwksFrom(jwksUri);
    }),
  };
}

function jwksFrom(source: string): Promise<JWTVerifyGetKey> {
  if (source.startsWith("data:")) {
    const comma = source.indexOf(",");
    const meta = source.slice(5, comma);
    const body = source.slice(comma + 1);
    const json = meta.endsWith(";base64")
      ? Buffer.from(body, "base64").toString("utf8")
      : decodeURIComponent(body);
    return Promise.resolve(createLocalJWKSet(JSON.parse(json) as Parameters<typeof createLocalJWKSet>[0]));
  }
  assertLocal(source);
  return Promise.resolve(createRemoteJWKSet(new URL(source)));
}

async function localFetchJson(url: string): Promise<unknown> {
  assertLocal(url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** This server works offline: key URLs must point at this machine. */
function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`local-convex only fetches keys from this machine, not ${url}`);
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve()
      .then(fn)
      .catch((error: unknown) => {
        value = undefined; // retry on the next token, e.g. once the site port is up
        throw error;
      });
    return value;
  };
}
