/*
 * The contact session, per organization, in the iframe's own localStorage. Browsers that block
 * third-party storage throw on access; then the session lives in memory for this page view and the
 * widget says so.
 */

export interface StoredSession {
  sessionToken: string;
  name: string;
  email: string;
  verified: boolean;
  expiresAt: number;
}

export interface SessionStore {
  kind: "local" | "memory";
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

export function openSessionStore(organizationId: string): SessionStore {
  const key = `answerbase:session:${organizationId}`;
  let memory: StoredSession | null = null;
  const memoryStore: SessionStore = {
    kind: "memory",
    get: () => memory,
    set: (session) => (memory = session),
    clear: () => (memory = null),
  };
  let storage: Storage;
  try {
    storage = window.localStorage;
    storage.setItem(`${key}:probe`, "1");
    storage.removeItem(`${key}:probe`);
  } catch (error) {
    console.warn("Answerbase: storage is blocked, the chat is kept for this page view only.", error);
    return memoryStore;
  }
  return {
    kind: "local",
    get() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? "null");
        return isStoredSession(parsed) && parsed.expiresAt > Date.now() ? parsed : null;
      } catch {
        return null; // unreadable entry: start over
      }
    },
    set: (session) => storage.setItem(key, JSON.stringify(session)),
    clear: () => storage.removeItem(key),
  };
}
