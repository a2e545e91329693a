/*
 * The demo host page `pnpm dev` serves on its own origin (http://localhost:<port>, a different site from
 * the widget's http://127.0.0.1:<port>): a small shop that embeds the widget for the demo organization.
 * It plays the shop's server too: it renders the identity signature for its signed-in customer (made by
 * the backend with the demo organization's widget secret; the secret itself never leaves the backend).
 */

export interface DemoSiteOptions {
  widgetUrl: string;
  organizationId: string;
  customer: { email: string; name: string; signature: string };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

const PAGES = {
  "/": "Signed in as the demo customer (verified with the shop's signature)",
  "/guest": "A visitor who is not signed in (the widget asks for name and e-mail)",
  "/aggressive": "A page with aggressive global CSS and its own scripts",
  "/forged": "A forged identity signature",
  "/unknown-org": "An unknown organization id",
  "/missing-org": "No organization id",
} as const;

const AGGRESSIVE_CSS = `
  * { color: #a21caf !important; font-family: Georgia, serif !important; line-height: 2 !important;
      box-sizing: content-box !important; }
  body > * { position: relative !important; transform: rotate(0.5deg) !important; opacity: .95 !important; }
  iframe { display: none !important; border: 8px solid red !important; }
  button { width: 260px !important; height: 70px !important; background: lime !important; }
  div { padding: 20px !important; }
`;

function scriptTag(options: DemoSiteOptions, path: string): string {
  const src = `${options.widgetUrl}/widget.js`;
  if (path === "/missing-org") return `<script src="${src}" async></script>`;
  const id = path === "/unknown-org" ? "k00000000000000000000000000000000" : options.organizationId;
  return `<script src="${src}" data-organization-id="${escape(id)}" async></script>`;
}

function identifyScript(options: DemoSiteOptions, path: string): string {
  if (path !== "/" && path !== "/forged") return "";
  const customer = path === "/forged" ? { ...options.customer, signature: "0".repeat(64) } : options.customer;
  // Rendered by the shop's server for its signed-in customer: the signature, never the secret.
  return `<script>
  window.shopCustomer = ${JSON.stringify(customer).replace(/</g, "\\u003c")};
  function identifyCustomer() { window.Answerbase.identify(window.shopCustomer); }
  if (window.Answerbase) identifyCustomer();
  else window.addEventListener("answerbase:ready", identifyCustomer, { once: true });
</script>`;
}

export function demoPage(options: DemoSiteOptions, path: string, withWidget: boolean): string | null {
  if (!(path in PAGES)) return null;
  const title = PAGES[path as keyof typeof PAGES];
  const nav = Object.entries(PAGES)
    .map(([href, label]) => `<li><a href="${href}">${escape(label)}</a></li>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Brightside Goods — demo shop</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 24px 32px; background: #fafaf9; color: #1c1917; }
  header { border-bottom: 1px solid #e7e5e4; margin-bottom: 16px; }
  ${path === "/aggressive" ? AGGRESSIVE_CSS : ""}
</style>
</head>
<body>
<header><h1 id="shop-title">Brightside Goods</h1><p>${escape(title)}</p></header>
<main>
  <p>This is a demo store page on its own origin. The chat button in the corner is the Answerbase widget.</p>
  <p><button id="host-counter" type="button">Clicked 0 times</button></p>
  <ul>${nav}</ul>
</main>
<script>
  window.hostGlobalsBefore = Object.keys(window);
  let clicks = 0;
  document.getElementById("host-counter").addEventListener("click", (event) => {
    clicks += 1;
    event.currentTarget.textContent = "Clicked " + clicks + " times";
  });
</script>
${withWidget ? identifyScript(options, path) + scriptTag(options, path) : ""}
</body>
</html>`;
}
