import { httpRouter } from "convex/server";
import { registerDashboardClient, registerDashboardClientPreflight } from "./accounts/dashboardClientsRoute";
import { auth } from "./auth";
import { registerClient, registerClientPreflight } from "./widget/clientsRoute";

const http = httpRouter();
// /.well-known/openid-configuration and /.well-known/jwks.json (what auth.config.ts points at), and
// the OAuth callback routes.
auth.addHttpRoutes(http);
http.route({ path: "/widget/clients", method: "POST", handler: registerClient });
http.route({ path: "/widget/clients", method: "OPTIONS", handler: registerClientPreflight });
http.route({ path: "/dashboard/clients", method: "POST", handler: registerDashboardClient });
http.route({ path: "/dashboard/clients", method: "OPTIONS", handler: registerDashboardClientPreflight });

export default http;
