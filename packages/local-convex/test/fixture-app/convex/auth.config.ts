import type { AuthConfig } from "convex/server";

// A local issuer: the JWKS comes from the deployment's environment (a data: URI), so no network is used.
export default {
  providers: [
    {
      type: "customJwt",
      issuer: "https://auth.fixture.local",
      jwks: process.env.FIXTURE_JWKS ?? "data:application/json,{}",
      algorithm: "RS256",
      applicationID: "fixture-app",
    },
  ],
} satisfies AuthConfig;
