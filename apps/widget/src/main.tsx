import type { Id } from "@answerbase/backend/dataModel";
import { ConvexProvider, ConvexReactClient } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { createBridge, parseHostOrigin } from "./bridge.ts";
import { createSessionStarter } from "./start-session.ts";
import { Unavailable } from "./unavailable.tsx";
import "./styles.css";

/**
 * Where the deployment's HTTP actions answer (`POST /widget/clients`): the meta tag the widget server
 * fills in, else Convex's own naming (`x.convex.cloud` → `x.convex.site`), else none.
 */
function convexSiteUrl(convexUrl: string): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="answerbase-convex-site-url"]')?.content;
  if (meta && !meta.startsWith("%%") && /^https?:\/\//.test(meta)) return meta.replace(/\/$/, "");
  return /\.convex\.cloud\/?$/.test(convexUrl)
    ? convexUrl.replace(/\.convex\.cloud\/?$/, ".convex.site")
    : null;
}

function convexUrl(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="answerbase-convex-url"]')?.content;
  const url = meta && !meta.startsWith("%%") ? meta : (import.meta.env.VITE_CONVEX_URL as string | undefined);
  return url !== undefined && /^https?:\/\//.test(url) ? url : null;
}

const params = new URLSearchParams(window.location.search);
// Checked by the backend: an unknown or malformed id answers `not_found` from the settings query.
const organizationId = (params.get("organizationId")?.trim() ?? "") as Id<"organizations">;
const bridge = createBridge(parseHostOrigin(params.get("hostOrigin")));
const url = convexUrl();
const root = createRoot(document.getElementById("root")!);

if (url === null || organizationId === "") {
  root.render(
    <Unavailable
      bridge={bridge}
      message={
        url === null
          ? "This chat is not configured (no backend URL)."
          : "This chat is not set up: the page did not give an organization id."
      }
    />,
  );
} else {
  const client = new ConvexReactClient(url);
  root.render(
    <StrictMode>
      <ConvexProvider client={client}>
        <App
          client={client}
          organizationId={organizationId}
          bridge={bridge}
          startSession={createSessionStarter(client, organizationId, convexSiteUrl(url))}
        />
      </ConvexProvider>
    </StrictMode>,
  );
}
bridge.send({ type: "ready" });
