import { describeLocalStack } from "@answerbase/local-cloud";
import { DEMO_ACCOUNT, type LocalDev } from "./start-local-dev.ts";

/** The one block `pnpm dev` prints once everything is up: how to sign in, connect, and reset. */
export function banner(dev: LocalDev, dashboardUrl?: string): string {
  const state = dev.env.ANSWERBASE_STATE_DIR;
  return [
    "",
    "Answerbase is running locally: database, local cloud, Convex backend (local-convex), demo seeded.",
    "",
    "Dashboard sign-in (Convex Auth, password provider)",
    ...(dashboardUrl ? [`  dashboard     ${dashboardUrl}  (pages compile on first visit)`] : []),
    `  e-mail        ${DEMO_ACCOUNT.email}`,
    `  password      ${DEMO_ACCOUNT.password}`,
    `  organization  ${DEMO_ACCOUNT.organizationName}  ${dev.seed.organizationId}`,
    "",
    "E-mail (sign-up codes; nothing leaves this machine)",
    `  mail catcher  ${dev.mail.webUrl}  (SMTP ${dev.mail.smtpUrl}, JSON at /messages.json)`,
    "",
    "Convex backend (local-convex: for development, demos and tests; production runs on Convex)",
    `  CONVEX_URL=${dev.convex.url}`,
    `  NEXT_PUBLIC_CONVEX_URL=${dev.convex.url}`,
    `  CONVEX_SITE_URL=${dev.convex.siteUrl}`,
    "",
    "Chat widget (apps/widget in an iframe, mounted by apps/embed's widget.js)",
    `  demo shop page   ${dev.widget.demoUrl}/   (signed in as alice@example.com; /guest, /aggressive, ...)`,
    `  embed snippet    <script src="${dev.widget.widgetUrl}/widget.js" data-organization-id="${dev.seed.organizationId}" async></script>`,
    "",
    "Database and local cloud",
    ...describeLocalStack(dev.stack),
    "",
    `State: ${state}`,
    "  (database files, local secrets, deployment keys, Convex data; changes to packages/backend/convex",
    "  restart the Convex server)",
    `Reset: stop pnpm dev, delete ${state}, start again.`,
    "Press Ctrl+C to stop.",
    "",
  ].join("\n");
}
