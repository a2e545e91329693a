// The backend served by local-convex and used with the unmodified Convex clients: a real sign-in whose
// JWT the deployment verifies per auth.config.ts (JWKS from its own HTTP actions), then live queries.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { startTestDeployment, type TestDeployment } from "@answerbase/local-convex/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { CONVEX_DIR, deploymentEnv, demoConfigs } from "./support/backend.ts";

let cloud: TestCloud;
let deployment: TestDeployment;

beforeAll(async () => {
  cloud = await startTestCloud();
  const { CONVEX_SITE_URL: _, ...env } = await deploymentEnv(cloud, "secrets_manager");
  deployment = await startTestDeployment({ convexDir: CONVEX_DIR, env });
});
afterAll(async () => {
  await deployment?.stop();
  await cloud?.stop();
});

it("signs up over HTTP, then sees its organization's data source change live over the WebSocket", async () => {
  const http = deployment.http();
  const { tokens } = (await http.action(api.auth.signIn, {
    provider: "password",
    params: { email: "ada@shop.test", password: "correct horse", flow: "signUp" },
  })) as { tokens: { token: string } };
  http.setAuth(tokens.token);
  const organizationId = await http.mutation(api.private.organizations.create, { name: "Brightside" });
  // The operator's grant, as `npx convex run` gives it: an internal mutation called with the admin key.
  const granted = await fetch(`${deployment.url}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${deployment.adminKey}` },
    body: JSON.stringify({
      path: "system/networkAccess:grantPrivateNetworks",
      args: { organizationId },
      format: "json",
    }),
  });
  expect(await granted.json()).toMatchObject({ status: "success" });

  const client = deployment.client();
  client.setAuth(() => Promise.resolve(tokens.token));
  const statuses: string[] = [];
  const unsubscribe = client.onUpdate(api.private.dataSources.get, { organizationId }, (dataSource) =>
    statuses.push(dataSource?.status.kind ?? "none"),
  );
  await http.action(api.private.dataSourceActions.save, { organizationId, config: demoConfigs(cloud).neon! });
  expect(await http.action(api.private.dataSourceActions.testConnection, { organizationId })).toMatchObject({
    kind: "connected",
  });
  await expect.poll(() => statuses.at(-1)).toBe("connected");
  expect(statuses).toEqual(expect.arrayContaining(["none", "untested", "connected"]));
  unsubscribe();

  // A forged token is refused by the deployment, not by our code.
  const forged = deployment.http();
  forged.setAuth(tokens.token.slice(0, -4) + "AAAA");
  await expect(forged.query(api.private.organizations.listMine, {})).rejects.toThrow();
});
