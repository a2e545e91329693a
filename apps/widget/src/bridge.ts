/*
 * Messages between the host page (the embed loader) and this iframe. The loader passes its page's origin
 * in the URL; the widget posts only to that origin and accepts only messages from its parent window at
 * that origin, with our `source` tag and a known shape.
 */

export type HostMessage =
  | { type: "identify"; email: string; name: string; signature?: string }
  | { type: "opened" }
  /** The session the host page keeps for us when our own storage is blocked (null: none). */
  | { type: "session"; value: unknown };

export type WidgetMessage = { type: "ready" } | { type: "close" } | { type: "session"; value: unknown };

const FROM_HOST = "answerbase-embed";
const FROM_WIDGET = "answerbase-widget";

/** The host origin from `?hostOrigin=`, or null when absent or not an origin (then nothing is posted). */
export function parseHostOrigin(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value ? value : null;
  } catch {
    return null;
  }
}

function parseHostMessage(data: unknown): HostMessage | null {
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record.source !== FROM_HOST) return null;
  if (record.type === "opened") return { type: "opened" };
  if (record.type === "session") return { type: "session", value: record.value ?? null };
  if (record.type === "identify" && typeof record.email === "string") {
    return {
      type: "identify",
      email: record.email,
      name: typeof record.name === "string" && record.name.trim() !== "" ? record.name : record.email,
      ...(typeof record.signature === "string" ? { signature: record.signature } : {}),
    };
  }
  return null;
}

export interface Bridge {
  /** In an iframe with a known host origin (false when the widget is opened on its own). */
  embedded: boolean;
  send(message: WidgetMessage): void;
  listen(handler: (message: HostMessage) => void): () => void;
}

/**
 * Listens from the start: the host answers our "ready" at once, before React has mounted, so the last
 * session and identity are kept and handed to each new listener.
 */
export function createBridge(hostOrigin: string | null): Bridge {
  const embedded = hostOrigin !== null && window.parent !== window;
  const handlers = new Set<(message: HostMessage) => void>();
  const last: { identify?: HostMessage; session?: HostMessage } = {};
  window.addEventListener("message", (event: MessageEvent) => {
    if (!embedded || event.source !== window.parent || event.origin !== hostOrigin) return;
    const message = parseHostMessage(event.data);
    if (message === null) return;
    if (message.type === "identify" || message.type === "session") last[message.type] = message;
    for (const handler of handlers) handler(message);
  });
  return {
    embedded,
    send(message) {
      if (embedded) window.parent.postMessage({ source: FROM_WIDGET, ...message }, hostOrigin);
    },
    listen(handler) {
      handlers.add(handler);
      if (last.session !== undefined) handler(last.session);
      if (last.identify !== undefined) handler(last.identify);
      return () => handlers.delete(handler);
    },
  };
}
