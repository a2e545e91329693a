import type { Bridge } from "./bridge.ts";

/*
 * The contact session, per organization. In the iframe's own localStorage when the browser allows it;
 * browsers that block third-party storage (Chromium with third-party cookies blocked, Safari) throw on
 * access, and then the host page keeps it in its localStorage through the loader ("host"), since that
 * page is the organization's own site. Without either, it lives in memory for this page view.
 */

export interface StoredSession {
  sessionToken: string;
  name: string;
  email: string;
  verified: boolean;
  expiresAt: number;
  /** The site's signature that verified it: reused only when the page identifies with the same one. */
  signature?: string;
}

export interface SessionStore {
  kind: "local" | "host" | "memory";
  /** Resolves once the stored session is known (the host answers our "ready"; 1 s at most). */
  ready: Promise<void>;
  get(): StoredSession | null;
  set(session: StoredSession): void;
  clear(): void;
}

function isStoredSession(value: unknown): value is StoredSession {
  const record = value as Partial<StoredSession> | null;
  return (
    typeof record?.sessionToken === "string" &&
    typeof record.name === "string" &&
    typeof record.email === "string" &&
    typeof record.verified === "boolean" &&
    typeof record.expiresAt === "number"
  );
}

const fresh = (value: unknown) => (isStoredSession(value) && value.expiresAt > Date.now() ? value : null);

function hostStore(bridge: Bridge): SessionStore {
  const embedded = bridge.embedded;
  let value: StoredSession | null = null;
  let answered = false;
  const store: SessionStore = {
    kind: embedded ? "host" : "memory",
    ready: Promise.resolve(),
    get: () => value,
    set(session) {
      value = session;
      bridge.send({ type: "session", value: session });
    },
    clear() {
      value = null;
      bridge.send({ type: "session", value: null });
    },
  };
  if (!embedded) return store;
  store.ready = new Promise<void>((resolve) => {
    const stop = bridge.listen((message) => {
      if (message.type !== "session") return;
      if (!answered) value = fresh(message.value);
      answered = true;
      stop();
      resolve();
    });
    setTimeout(() => {
      // No answer: an old loader or a host without storage; this page view only.
      if (!answered) store.kind = "memory";
      resolve();
    }, 1000);
  });
  return store;
}

export function openSessionStore(organizationId: string, bridge: Bridge): SessionStore {
  const key = `answerbase:session:${organizationId}`;
  let storage: Storage;
  try {
    storage = window.localStorage;
    storage.setItem(`${key}:probe`, "1");
    storage.removeItem(`${key}:probe`);
  } catch (error) {
    console.info("Answerbase: third-party storage is blocked; the host page keeps the session.", error);
    return hostStore(bridge);
  }
  return {
    kind: "local",
    ready: Promise.resolve(),
    get() {
      try {
        return fresh(JSON.parse(storage.getItem(key) ?? "null"));
      } catch {
        return null; // unreadable entry: start over
      }
    },
    set: (session) => storage.setItem(key, JSON.stringify(session)),
    clear: () => storage.removeItem(key),
  };
}
