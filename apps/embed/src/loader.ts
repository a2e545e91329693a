/*
 * widget.js: the one script an organization pastes. It adds one element to the page, <answerbase-widget>,
 * whose Shadow DOM holds the launcher button and the widget's iframe, and one global, `Answerbase`.
 * No host styles reach inside (Shadow DOM, inline `!important` on the host element) and nothing leaks
 * out. Messages to and from the iframe are checked by exact origin and window.
 */
import { panelStyles } from "./styles.ts";

export interface AnswerbaseIdentity {
  email: string;
  name?: string;
  /** hex(HMAC-SHA256(widget secret, lowercase e-mail)), computed by the site's server. */
  signature?: string;
}

interface WidgetSettings {
  primaryColor: string;
  position: "bottom-right" | "bottom-left";
}

interface Mounted {
  host: HTMLElement;
  launcher: HTMLButtonElement;
  frame: HTMLIFrameElement;
  ready: boolean;
  onMessage: (event: MessageEvent) => void;
}

// Filled in by the server that serves this file (or by build.ts for a CDN build).
const CONVEX_URL = "%%ANSWERBASE_CONVEX_URL%%";
const SETTINGS_TIMEOUT_MS = 1500;
const DEFAULTS: WidgetSettings = { primaryColor: "#2563eb", position: "bottom-right" };
const script = document.currentScript as HTMLScriptElement | null;
const scriptUrl = new URL(script?.src ?? window.location.href);
const widgetOrigin = scriptUrl.origin;

let mounted: Mounted | null = null;
let identity: AnswerbaseIdentity | null = null;

async function fetchSettings(organizationId: string): Promise<WidgetSettings> {
  if (CONVEX_URL.startsWith("%%") || organizationId === "") return DEFAULTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), SETTINGS_TIMEOUT_MS);
  try {
    const response = await fetch(`${CONVEX_URL}/api/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "public/widget:settings", args: { organizationId }, format: "json" }),
      signal: controller.signal,
    });
    const body = (await response.json()) as { status?: string; value?: Partial<WidgetSettings> };
    const value = body.status === "success" ? body.value : undefined;
    return {
      primaryColor: /^#[0-9a-fA-F]{6}$/.test(value?.primaryColor ?? "")
        ? value!.primaryColor!
        : DEFAULTS.primaryColor,
      position: value?.position === "bottom-left" ? "bottom-left" : "bottom-right",
    };
  } catch {
    // Unknown organization, offline, slow: the launcher still appears; the iframe explains what is wrong.
    return DEFAULTS;
  } finally {
    clearTimeout(timer);
  }
}

function post(message: Record<string, unknown>): void {
  if (mounted?.ready)
    mounted.frame.contentWindow?.postMessage({ source: "answerbase-embed", ...message }, widgetOrigin);
}

function sendIdentity(): void {
  if (identity !== null) post({ type: "identify", ...identity });
}

/**
 * The widget's session, kept in this page's localStorage when the browser blocks the iframe's own
 * storage (third-party). This page is the organization's site, so it may hold its customer's chat token.
 * Reads without `value`, writes (or removes, for null) with it.
 */
function hostSession(organizationId: string, value?: unknown): unknown {
  const key = `answerbase:session:${organizationId}`;
  try {
    if (value === undefined) return JSON.parse(localStorage.getItem(key) ?? "null") as unknown;
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked here too: the widget keeps the session for this page view only.
  }
  return null;
}

function lockHostStyles(host: HTMLElement): void {
  // Inline !important wins over any page rule, including `* { display: none !important }`.
  const rules: [string, string][] = [
    ["all", "initial"],
    ["display", "block"],
    ["position", "fixed"],
    ["inset", "auto 0 0 auto"],
    ["width", "0"],
    ["height", "0"],
    ["margin", "0"],
    ["padding", "0"],
    ["border", "0"],
    ["visibility", "visible"],
    ["opacity", "1"],
    ["transform", "none"],
    ["filter", "none"],
    ["z-index", "2147483000"],
  ];
  for (const [name, value] of rules) host.style.setProperty(name, value, "important");
}

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';
const CLOSE_ICON =
  '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';

function mount(organizationId: string, settings: WidgetSettings): Mounted {
  const host = document.createElement("answerbase-widget");
  lockHostStyles(host);
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = panelStyles(
    settings.primaryColor,
    settings.position === "bottom-left" ? "left" : "right",
  );
  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-label", "Open support chat");
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("data-testid", "answerbase-launcher");
  launcher.innerHTML = CHAT_ICON;
  launcher.addEventListener("click", () => (host.classList.contains("open") ? close() : open()));

  const frame = document.createElement("iframe");
  const src = new URL("./", scriptUrl);
  src.searchParams.set("organizationId", organizationId);
  src.searchParams.set("hostOrigin", window.location.origin);
  frame.src = src.href;
  frame.title = "Support chat";
  frame.className = "panel";
  frame.setAttribute("data-testid", "answerbase-frame");

  const state: Mounted = { host, launcher, frame, ready: false, onMessage: () => undefined };
  state.onMessage = (event: MessageEvent) => {
    if (event.origin !== widgetOrigin || event.source !== frame.contentWindow) return;
    const data = event.data as { source?: unknown; type?: unknown } | null;
    if (data?.source !== "answerbase-widget") return;
    if (data.type === "ready") {
      state.ready = true;
      post({ type: "session", value: hostSession(organizationId) });
      sendIdentity();
      if (host.classList.contains("open")) post({ type: "opened" });
    } else if (data.type === "close") close();
    else if (data.type === "session")
      hostSession(organizationId, (data as { value?: unknown }).value ?? null);
  };
  window.addEventListener("message", state.onMessage);
  shadow.append(style, frame, launcher);
  document.body.appendChild(host);
  return state;
}

/** Mounts the launcher for an organization (the script tag's data-organization-id does this itself). */
async function init(options: { organizationId: string }): Promise<void> {
  if (mounted !== null) destroy();
  const organizationId = String(options?.organizationId ?? "").trim();
  if (organizationId === "")
    console.error("Answerbase: data-organization-id is missing; the chat will say it is not set up.");
  const settings = await fetchSettings(organizationId);
  if (document.body === null)
    await new Promise((resolve) => addEventListener("DOMContentLoaded", resolve, { once: true }));
  mounted = mount(organizationId, settings);
  // For the benchmark: the first frame painted with the launcher in it.
  requestAnimationFrame(() => performance.mark("answerbase:launcher-visible"));
}

function open(): void {
  if (mounted === null) return;
  mounted.host.classList.add("open");
  mounted.launcher.setAttribute("aria-expanded", "true");
  mounted.launcher.setAttribute("aria-label", "Close support chat");
  mounted.launcher.innerHTML = CLOSE_ICON;
  mounted.frame.focus();
  post({ type: "opened" });
}

function close(): void {
  if (mounted === null || !mounted.host.classList.contains("open")) return;
  mounted.host.classList.remove("open");
  mounted.launcher.setAttribute("aria-expanded", "false");
  mounted.launcher.setAttribute("aria-label", "Open support chat");
  mounted.launcher.innerHTML = CHAT_ICON;
  mounted.launcher.focus();
}

/** Passes the site's signed-in customer to the widget (verified when `signature` matches). */
function identify(next: AnswerbaseIdentity): void {
  if (typeof next?.email !== "string") {
    console.error("Answerbase.identify needs {email, name?, signature?}.");
    return;
  }
  identity = {
    email: next.email,
    name: next.name ?? next.email,
    ...(next.signature ? { signature: next.signature } : {}),
  };
  sendIdentity();
}

function destroy(): void {
  if (mounted === null) return;
  window.removeEventListener("message", mounted.onMessage);
  mounted.host.remove();
  mounted = null;
}

const Answerbase = { init, open, close, identify, destroy };
(window as unknown as { Answerbase: typeof Answerbase }).Answerbase = Answerbase;
// `data-manual` on the script tag: the page calls Answerbase.init() itself. A missing id still mounts,
// and the widget says it is not set up (init logs the fix for the site's developer).
if (script !== null && !script.hasAttribute("data-manual"))
  void init({ organizationId: script.getAttribute("data-organization-id") ?? "" });
window.dispatchEvent(new Event("answerbase:ready"));
