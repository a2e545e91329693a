import type { ServerMessage } from "./protocol.ts";

type Response = Extract<ServerMessage, { type: "MutationResponse" }>;

/**
 * Mutation responses by session and request id. The client replays every unconfirmed mutation with
 * the same (sessionId, requestId) after a reconnect; a replay gets the first execution's response
 * instead of running twice. Bounded: old sessions are forgotten first.
 */
export class MutationLog {
  private readonly bySession = new Map<string, Map<number, Promise<Response>>>();

  constructor(private readonly maxSessions = 1000) {}

  find(sessionId: string, requestId: number): Promise<Response> | undefined {
    return this.bySession.get(sessionId)?.get(requestId);
  }

  record(sessionId: string, requestId: number, response: Promise<Response>): void {
    let requests = this.bySession.get(sessionId);
    if (requests === undefined) {
      requests = new Map();
      this.bySession.set(sessionId, requests);
      if (this.bySession.size > this.maxSessions) {
        const oldest = this.bySession.keys().next().value;
        if (oldest !== undefined) this.bySession.delete(oldest);
      }
    }
    requests.set(requestId, response);
    // Requests are numbered from 0 per session; far older ones cannot be replayed any more.
    if (requests.size > 10_000) {
      const first = requests.keys().next().value;
      if (first !== undefined) requests.delete(first);
    }
  }
}
