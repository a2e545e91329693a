import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { BackendLogin, PostgresBackend } from "../postgres/postgres-backend.ts";
import { validationError } from "./errors.ts";
import type { Lease } from "./statement-runner.ts";

/** Where a session connects; statements naming its SessionId inherit all of it. */
export interface SessionTarget {
  clusterIdentifier?: string | undefined;
  workgroupName?: string | undefined;
  database: string;
  dbUser?: string | undefined;
  secretArn?: string | undefined;
  backend: PostgresBackend;
  login: BackendLogin;
}

/** Only the connection settings, whatever else the object carries. */
function sessionTarget(from: SessionTarget): SessionTarget {
  const { clusterIdentifier, workgroupName, database, dbUser, secretArn, backend, login } = from;
  return { clusterIdentifier, workgroupName, database, dbUser, secretArn, backend, login };
}

interface Session extends SessionTarget {
  id: string;
  keepAliveSeconds: number;
  client?: pg.Client | undefined;
  busy: boolean;
  expiry?: NodeJS.Timeout | undefined;
}

/**
 * Data API sessions (`SessionKeepAliveSeconds` / `SessionId`): one dedicated connection that later
 * statements reuse, so temp tables and SET survive between calls. It runs one statement at a time and
 * closes `keepAliveSeconds` after its last statement ended.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  /** Opens a session, busy with the statement that asked for it; it connects when that one runs. */
  open(target: SessionTarget, keepAliveSeconds: number): string {
    const session: Session = { ...sessionTarget(target), id: randomUUID(), keepAliveSeconds, busy: true };
    this.sessions.set(session.id, session);
    return session.id;
  }

  /** Reserves an existing session for a statement; unknown, closed or busy sessions are rejected. */
  reserve(sessionId: string, keepAliveSeconds: number | undefined): SessionTarget {
    const session = this.sessions.get(sessionId);
    if (!session)
      throw validationError(`Session ${sessionId} is not available. It may have expired or been closed.`);
    if (session.busy) throw validationError(`Session ${sessionId} is busy running another statement.`);
    if (keepAliveSeconds !== undefined) session.keepAliveSeconds = keepAliveSeconds;
    session.busy = true;
    clearTimeout(session.expiry);
    return sessionTarget(session);
  }

  /** Frees the session when its statement ends, however it ends, and starts the keep-alive clock. */
  releaseWhen(sessionId: string, settled: Promise<void>): void {
    void settled.then(() => {
      const session = this.sessions.get(sessionId);
      if (!session) return;
      session.busy = false;
      session.expiry = setTimeout(() => void this.close(sessionId), session.keepAliveSeconds * 1000);
      session.expiry.unref();
    });
  }

  /** The session's connection for one statement; `release(true)` (after a cancel) ends the session. */
  lease(sessionId: string): () => Promise<Lease> {
    return async () => {
      const session = this.sessions.get(sessionId);
      if (!session) throw Object.assign(new Error(`session ${sessionId} was closed`), { severity: "FATAL" });
      try {
        session.client ??= await session.backend.connect(session.login);
      } catch (error) {
        await this.close(sessionId);
        throw error;
      }
      return { client: session.client, release: (destroy) => void (destroy && this.close(sessionId)) };
    };
  }

  /** Ends a session and its connection. */
  async close(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    clearTimeout(session.expiry);
    await session.client?.end().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }
}
