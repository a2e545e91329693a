import type { Server } from "node:http";
import { callFunction, type Target } from "@answerbase/local-convex";
import { demoPage } from "./demo-site.ts";
import { DEFAULT_DEMO_SITE_PORT, DEFAULT_WIDGET_PORT, choosePort } from "./ports.ts";
import { buildWidget } from "./widget-build.ts";
import { serve, widgetRequestHandler } from "./widget-server.ts";

/** The demo customer the demo page signs in (alice owns order 1001 in database-schema.sql). */
export const DEMO_CUSTOMER = { email: "alice@example.com", name: "Alice Johnson" } as const;

export interface WidgetServers {
  /** Serves /widget.js and the widget app: http://127.0.0.1:<WIDGET_PORT>. */
  widgetUrl: string;
  /** The demo shop embedding the widget: http://localhost:<DEMO_SITE_PORT>, another site. */
  demoUrl: string;
  stop(): Promise<void>;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * Builds the widget and the loader, then serves them (the widget's origin) and the demo shop page
 * (its own origin), with the demo customer's identity signed by the backend.
 */
export async function startWidgetServers(options: {
  convexUrl: string;
  /** Where the backend's HTTP actions answer (the widget mints its client token there). */
  convexSiteUrl: string;
  convexTarget: Target;
  organizationId: string;
  env?: NodeJS.ProcessEnv;
}): Promise<WidgetServers> {
  const env = options.env ?? process.env;
  const widgetPort = await choosePort("127.0.0.1", env, "WIDGET_PORT", DEFAULT_WIDGET_PORT);
  const demoPort = await choosePort("127.0.0.1", env, "DEMO_SITE_PORT", DEFAULT_DEMO_SITE_PORT);
  const [, signed] = await Promise.all([
    buildWidget(),
    callFunction(options.convexTarget, "system/widgetDemo:signDemoIdentity", {
      organizationId: options.organizationId,
      email: DEMO_CUSTOMER.email,
    }) as Promise<{ signature: string }>,
  ]);
  const widgetUrl = `http://127.0.0.1:${widgetPort}`;
  // "localhost" and "127.0.0.1" are different sites, so the widget runs as a third-party iframe here.
  const demoUrl = `http://localhost:${demoPort}`;
  const site = {
    widgetUrl,
    organizationId: options.organizationId,
    customer: { ...DEMO_CUSTOMER, signature: signed.signature },
  };
  const widgetServer = await serve(
    "127.0.0.1",
    widgetPort,
    widgetRequestHandler(options.convexUrl, options.convexSiteUrl),
  );
  const demoServer = await serve("127.0.0.1", demoPort, (path, url) => {
    const html = demoPage(site, path, url.searchParams.get("widget") !== "0");
    return Promise.resolve(
      html === null
        ? { status: 404, type: "text/plain", body: "not found", cache: "no-store" }
        : { status: 200, type: "text/html; charset=utf-8", body: html, cache: "no-store" },
    );
  });
  return {
    widgetUrl,
    demoUrl,
    async stop() {
      await Promise.all([close(widgetServer), close(demoServer)]);
    },
  };
}
