import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  DEMO,
  LOCAL_PLATFORM,
  startLocalStack,
  trustDemoOrganizations,
  type LocalStack,
} from "@answerbase/local-cloud";
import { callFunction } from "@answerbase/local-convex";
import type { DevEnv } from "./dev-env.ts";
import { loadOrCreateDeploymentSecrets, type DeploymentSecrets } from "./deployment-secrets.ts";
import { startLocalConvexDev, type LocalConvexDev } from "./local-convex-process.ts";
import { startMailCatcher, type MailCatcher } from "./mail-catcher.ts";
import { CONVEX_DIR } from "./paths.ts";
import { assertPortFree } from "./ports.ts";
import { startWidgetServers, type WidgetServers } from "./widget-servers.ts";

/** The dashboard account and organization the seed creates (printed by `pnpm dev`, used by tests). */
export const DEMO_ACCOUNT = {
  email: "demo@answerbase.test",
  password: "answerbase-demo",
  name: "Demo Admin",
  organizationName: "Brightside Goods (demo)",
} as const;

export interface LocalDev {
  env: DevEnv;
  stack: LocalStack;
  convex: LocalConvexDev;
  /** The widget's origin and the demo shop page that embeds it. */
  widget: WidgetServers;
  /** Where the backend sends e-mail (SMTP_URL) and the page that shows it. */
  mail: MailCatcher;
  /** What `system/demo:seed` answered. */
  seed: { userId: string; organizationId: string; dataSourceSaved: boolean };
  /**
   * Stops the widget servers, local-convex (it saves its state), the mail catcher, then the local cloud
   * and the database.
   */
  stop(): Promise<void>;
}

/**
 * `pnpm dev` without a Convex deployment: the database and the local cloud, the mail catcher, the
 * deployment secrets, local-convex on packages/backend/convex (watching it) with the local cloud as its
 * AWS and Neon and the catcher as its SMTP server, then the demo seed. Everything started is stopped
 * again when a later step fails.
 */
export async function startLocalDev(
  env: DevEnv,
  options: {
    convexDir?: string;
    /** Extra deployment variables (tests: EMBEDDING_MODEL=test). */
    deploymentEnv?: Record<string, string>;
    /**
     * Where WIDGET_PORT, DEMO_SITE_PORT, MAIL_CATCHER_SMTP_PORT and MAIL_CATCHER_PORT are read
     * (default: process.env).
     */
    widgetEnv?: NodeJS.ProcessEnv;
  } = {},
): Promise<LocalDev> {
  await assertPortFree("127.0.0.1", env.LOCAL_CONVEX_PORT, "LOCAL_CONVEX_PORT");
  await assertPortFree("127.0.0.1", env.LOCAL_CONVEX_SITE_PORT, "LOCAL_CONVEX_SITE_PORT");
  const stack = await startLocalStack(env);
  let convex: LocalConvexDev | undefined;
  let widget: WidgetServers | undefined;
  let mail: MailCatcher | undefined;
  try {
    mail = await startMailCatcher(options.widgetEnv);
    const secrets = await loadOrCreateDeploymentSecrets(
      join(env.ANSWERBASE_STATE_DIR, "deployment-secrets.json"),
    );
    const envFile = join(env.ANSWERBASE_STATE_DIR, "local-convex-env.json");
    await writeFile(
      envFile,
      `${JSON.stringify({ ...deploymentEnv(stack, secrets, mail), ...options.deploymentEnv }, null, 2)}\n`,
      { mode: 0o600 },
    );
    convex = await startLocalConvexDev({
      convexDir: options.convexDir ?? CONVEX_DIR,
      stateDir: join(env.ANSWERBASE_STATE_DIR, "local-convex"),
      port: env.LOCAL_CONVEX_PORT,
      sitePort: env.LOCAL_CONVEX_SITE_PORT,
      envFile,
    });
    const seed = (await callFunction(convex.target, "system/demo:seed", {
      ...DEMO_ACCOUNT,
      dataSource: { provider: "neon", connectionString: stack.demo.connectionString },
      crm: { url: stack.crm.url, apiKey: stack.crm.apiKey },
    })) as LocalDev["seed"];
    // The demo account's role trusts the demo organization (its id, the external id, is known only
    // now), so the demo keeps working when switched to Aurora or Redshift. Other organizations on
    // this stack create their own role, as a tenant would (the dashboard e2e does).
    trustDemoOrganizations(stack.cloud, [seed.organizationId]);
    widget = await startWidgetServers({
      convexUrl: convex.url,
      convexSiteUrl: convex.siteUrl,
      convexTarget: convex.target,
      organizationId: seed.organizationId,
      ...(options.widgetEnv === undefined ? {} : { env: options.widgetEnv }),
    });
    const started = convex;
    const servers = widget;
    const catcher = mail;
    return {
      env,
      stack,
      convex: started,
      widget: servers,
      mail: catcher,
      seed,
      async stop() {
        await servers.stop();
        await started.stop();
        await catcher.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await widget?.stop();
    await convex?.stop();
    await mail?.stop();
    await stack.stop();
    throw error;
  }
}

/**
 * The deployment's environment (`npx convex env` on a real one): its secrets, the local cloud as
 * AWS (Secrets Manager, the Data APIs) and as Neon's HTTP and WebSocket endpoints, and the mail
 * catcher as its SMTP server.
 */
function deploymentEnv(
  stack: LocalStack,
  secrets: DeploymentSecrets,
  mail: MailCatcher,
): Record<string, string> {
  return {
    ...secrets,
    SITE_URL: "http://localhost:3000",
    SMTP_URL: mail.smtpUrl,
    AWS_REGION: DEMO.region,
    AWS_ENDPOINT_URL: stack.cloud.url,
    // The platform's identity in the local cloud: it may only assume tenants' roles and use tenant/ secrets.
    AWS_ACCESS_KEY_ID: LOCAL_PLATFORM.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_PLATFORM.credentials.secretAccessKey,
    ANSWERBASE_AWS_ACCOUNT_ID: LOCAL_PLATFORM.accountId,
    NEON_FETCH_ENDPOINT: stack.cloud.endpoints.neonHttp,
    NEON_WS_PROXY: stack.cloud.endpoints.neonWebSocketProxy,
    NEON_USE_SECURE_WEBSOCKET: "false",
  };
}
