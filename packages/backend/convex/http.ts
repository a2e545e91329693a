import { httpRouter } from "convex/server";
import { auth } from "./auth";

const http = httpRouter();
// /.well-known/openid-configuration and /.well-known/jwks.json (what auth.config.ts points at), and
// the OAuth callback routes.
auth.addHttpRoutes(http);

export default http;
