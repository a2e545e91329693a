// Convex Auth issues its own JWTs; the deployment verifies them against the JWKS its HTTP actions
// serve (convex/http.ts), so sign-in needs no third-party service.
export default {
  providers: [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }],
};
