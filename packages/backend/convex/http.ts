import { httpRouter } from "convex/server";
import { registerDashboardClient, registerDashboardClientPreflight } from "./accounts/dashboardClientsRoute";
import { auth } from "./auth";
import { v1 } from "./httpApi/router";
import { sqlExport } from "./sqlConsole/exportRoute";
import { registerClient, registerClientPreflight } from "./widget/clientsRoute";

const http = httpRouter();
// /.well-known/openid-configuration and /.well-known/jwks.json (what auth.config.ts points at), and
// the OAuth callback routes.
auth.addHttpRoutes(http);
http.route({ path: "/widget/clients", method: "POST", handler: registerClient });
http.route({ path: "/widget/clients", method: "OPTIONS", handler: registerClientPreflight });
http.route({ path: "/dashboard/clients", method: "POST", handler: registerDashboardClient });
http.route({ path: "/dashboard/clients", method: "OPTIONS", handler: registerDashboardClientPreflight });
// The SQL page's CSV download (a form POST with a one-time ticket; sqlConsole/exportRoute.ts).
http.route({ path: "/sql/export", method: "POST", handler: sqlExport });
// The HTTP API (httpApi/routes.ts is its table; GET /v1/openapi.json documents it).
// Every method reaches the router, so another one gets a 405 problem (an OPTIONS preflight too: no CORS).
for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
  http.route({ pathPrefix: "/v1/", method, handler: v1 });
}

export default http;
