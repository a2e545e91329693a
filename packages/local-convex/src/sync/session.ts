import type { UserIdentity } from "convex/server";
import type { WebSocket } from "ws";
import { AuthFailure, type TokenVerifier } from "../auth/identity.ts";
import type { Engine } from "../engine/engine.ts";
import {
  MAX_ARGS_BYTES,
  checkClientMessage,
  decodeTs,
  wireVersion,
  type ClientMessage,
  type QueryModification,
  type ServerMessage,
  type StateVersion,
} from "./protocol.ts";
import type { QueryHub, TransitionSink } from "./query-hub.ts";
import { SessionQueries } from "./session-queries.ts";
import type { MutationLog } from "./mutation-log.ts";
import { runActionRequest, runMutationRequest, type MutationResponse } from "./requests.ts";

export interface SessionDeps {
  engine: Engine;
  hub: QueryHub;
  mutations: MutationLog;
  auth: TokenVerifier;
  adminKey: string;
}

type MutationMessage = Extract<ClientMessage, { type: "Mutation" }>;
type ActionMessage = Extract<ClientMessage, { type: "Action" }>;

/** One WebSocket connection speaking the sync protocol. */
export class SyncSession implements TransitionSink {
  private sessionId = "";
  private readonly version: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  private pendingQuerySet = 0;
  private pendingIdentity = 0;
  private readonly queries: SessionQueries;
  private identity: UserIdentity | null = null;
  private admin = false;
  /** A mutation's ts that a Transition sent after its MutationResponse must reach (null: none). */
  private confirmTs: bigint | null = null;
  private mutationChain: Promise<void> = Promise.resolve();
  private inbox: Promise<void> = Promise.resolve();
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly pingTimer: NodeJS.Timeout;
  /** Set once the connection is refused (an AuthError): later frames and transitions are dropped. */
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.queries = new SessionQueries(deps.hub);
    deps.hub.addSink(this);
    // Clients reconnect after 60 s without a message; real deployments ping idle connections too.
    this.pingTimer = setInterval(() => this.send({ type: "Ping" }), 15_000);
    socket.on("message", (data, isBinary) => {
      const buffer = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.isBuffer(data)
          ? data
          : Buffer.from(new Uint8Array(data));
      this.onFrame(buffer.toString("utf8"), isBinary);
    });
    socket.on("close", () => this.close());
  }

  private close(): void {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.expiryTimer);
    this.deps.hub.removeSink(this);
    this.queries.releaseAll();
  }

  private send(message: ServerMessage): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private onFrame(text: string, isBinary: boolean): void {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    const problem = message === undefined ? "frame is not JSON text" : checkClientMessage(message);
    if (problem !== null) {
      // A deployment drops frames it cannot parse; the connection stays usable.
      console.warn(`local-convex: ignored a bad sync frame (${problem})`);
      return;
    }
    const m = message as ClientMessage;
    const tooLarge = (m.type === "Mutation" || m.type === "Action") && text.length > MAX_ARGS_BYTES;
    // Frames take effect in order: queries and requests after an Authenticate use its identity.
    this.inbox = this.inbox.then(() => this.dispatch(m, tooLarge)).catch(logFailure);
  }

  private dispatch(m: ClientMessage, tooLarge: boolean): Promise<void> | void {
    if (this.closed) return;
    switch (m.type) {
      case "Connect": {
        this.sessionId = m.sessionId;
        // Never answer with a timestamp older than one this client already saw (e.g. state deleted).
        const observed = m.maxObservedTimestamp === undefined ? 0n : decodeTs(m.maxObservedTimestamp);
        if (observed > this.deps.engine.core.lastCommitTs()) this.deps.engine.core.setLastCommitTs(observed);
        return;
      }
      case "ModifyQuerySet":
        return this.modifyQuerySet(m.newVersion, m.modifications);
      case "Authenticate":
        return this.authenticate(m);
      case "Mutation":
        this.mutationChain = this.mutationChain.then(() => this.mutation(m, tooLarge)).catch(logFailure);
        return;
      case "Action":
        return void this.action(m, tooLarge).catch(logFailure);
      case "Event":
        return;
    }
  }

  private modifyQuerySet(newVersion: number, modifications: QueryModification[]): void {
    this.queries.apply(modifications, this.identity);
    this.pendingQuerySet = newVersion;
    void this.deps.hub.flush();
  }

  private resubscribeAll(): void {
    this.queries.resubscribe(this.identity);
    void this.deps.hub.flush();
  }

  private async authenticate(m: Extract<ClientMessage, { type: "Authenticate" }>): Promise<void> {
    clearTimeout(this.expiryTimer);
    try {
      if (m.tokenType === "User") {
        const verified = await this.deps.auth.verify(m.value ?? "");
        this.identity = verified.identity;
        this.admin = false;
        if (verified.expiresAt !== null) this.armExpiry(verified.expiresAt);
      } else if (m.tokenType === "Admin") {
        if (m.value !== this.deps.adminKey)
          throw new AuthFailure("The provided admin key is invalid for this deployment");
        this.admin = true;
        this.identity = null;
      } else {
        this.identity = null;
        this.admin = false;
      }
    } catch (error) {
      const message =
        error instanceof AuthFailure ? error.message : `Could not verify token: ${String(error)}`;
      this.refuse(message, m.baseVersion, true);
      return;
    }
    this.pendingIdentity = m.baseVersion + 1;
    this.resubscribeAll();
  }

  private armExpiry(expiresAt: number): void {
    // setTimeout overflows past ~24.8 days; a token living that long needs no timer here.
    const delay = expiresAt - Date.now();
    if (delay > 2 ** 31 - 1) return;
    this.expiryTimer = setTimeout(
      () => this.refuse("Token expired", Math.max(0, this.pendingIdentity - 1), false),
      Math.max(0, delay),
    );
  }

  /**
   * An AuthError ends the connection, as on a deployment: the client fetches a fresh token and
   * reconnects with it. Running the query set on without the identity instead would hand a signed-in
   * client "unauthenticated" failures for every query, which the client does not discard when it is
   * already waiting for a refreshed token (it ignores an expiry AuthError then) — the inbox showed them
   * as "Sign in to continue" until "Try again". Frames already queued behind this one are dropped.
   */
  private refuse(error: string, baseVersion: number, authUpdateAttempted: boolean): void {
    this.closed = true;
    this.identity = null;
    this.send({ type: "AuthError", error, baseVersion, authUpdateAttempted });
    this.socket.close(1000, "AuthError");
    this.close();
  }

  sendTransition(ts: bigint): void {
    const modifications = this.queries.takeModifications();
    const versionChanged =
      this.pendingQuerySet !== this.version.querySet || this.pendingIdentity !== this.version.identity;
    // The client resolves a mutation only on a Transition *after* its response, even if it saw the ts.
    const needsTs = this.confirmTs !== null && ts >= this.confirmTs;
    if (modifications.length === 0 && !versionChanged && !needsTs) return;
    const start = wireVersion(this.version);
    this.version.querySet = this.pendingQuerySet;
    this.version.identity = this.pendingIdentity;
    if (ts > this.version.ts) this.version.ts = ts;
    if (needsTs) this.confirmTs = null;
    this.send({
      type: "Transition",
      startVersion: start,
      endVersion: wireVersion(this.version),
      modifications,
    });
  }

  private async mutation(m: MutationMessage, tooLarge: boolean): Promise<void> {
    const { mutations } = this.deps;
    let response = mutations.find(this.sessionId, m.requestId);
    if (response === undefined) {
      response = this.runMutation(m, tooLarge);
      mutations.record(this.sessionId, m.requestId, response);
    }
    const message = await response;
    if (message.success && message.ts !== undefined) {
      // The client resolves the mutation once a Transition reaches its ts: make sure one does.
      const ts = decodeTs(message.ts);
      this.send(message);
      if (this.confirmTs === null || ts > this.confirmTs) this.confirmTs = ts;
      await this.deps.hub.flush();
      return;
    }
    this.send(message);
  }

  private requestContext() {
    const { engine, hub } = this.deps;
    return {
      engine,
      identity: this.identity,
      caller: this.admin ? ("admin" as const) : ("client" as const),
      ts: hub.ts,
    };
  }

  private runMutation(m: MutationMessage, tooLarge: boolean): Promise<MutationResponse> {
    return runMutationRequest(this.requestContext(), m, tooLarge);
  }

  private async action(m: ActionMessage, tooLarge: boolean): Promise<void> {
    this.send(await runActionRequest(this.requestContext(), m, tooLarge));
  }
}

function logFailure(error: unknown): void {
  console.error("local-convex: a sync request failed unexpectedly", error);
}
