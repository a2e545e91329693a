import { randomInt } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { PgliteStoppedError, type PgliteThread, type TransactionStatus } from "./pglite-thread.ts";
import {
  CANCEL_REQUEST_CODE,
  errorResponse,
  GSSENC_REQUEST_CODE,
  QUERY,
  readyForQuery,
  rollbackMessages,
  setSecretKey,
  startupStatementTimeoutMs,
  SSL_REQUEST_CODE,
  SYNC,
  TERMINATE,
} from "./wire-messages.ts";

export interface WireServerOptions {
  host: string;
  port: number;
  /** Deadline of a statement whose session set no statement_timeout. */
  defaultStatementTimeoutMs: number;
  maxConnections: number;
}

interface Connection {
  socket: Socket;
  /** Its BackendKeyData secret: the key of `connections` and of cancel requests. */
  secretKey: number;
  input: Buffer;
  /** The StartupMessage has arrived (SSL and cancel requests come before it). */
  started: boolean;
  /** The StartupMessage has been run; every later message is typed. */
  greeted: boolean;
  /** statement_timeout from its StartupMessage (0 = none): applies while the session sets none. */
  startupTimeoutMs: number;
  /** A message ran whose cycle has not reached ReadyForQuery yet. */
  midCycle: boolean;
  /** Complete messages not yet run; the first one of a connection is its StartupMessage. */
  messages: Buffer[];
  /** After a stopped extended-protocol message, the rest of the cycle is skipped until Sync. */
  discardUntilSync: boolean;
  queued: boolean;
  closed: boolean;
}

interface Running {
  connection: Connection;
  /** Type of the batch's last message: Query or Sync end a cycle. */
  lastType: number;
  startup: boolean;
  statusBefore: TransactionStatus;
  timer: NodeJS.Timeout;
  stoppedBy?: "timeout" | "cancel";
}

/**
 * The Postgres wire protocol in front of a PGlite thread. PGlite has one session, so messages run one
 * at a time: a connection keeps the session from its first message until a ReadyForQuery says idle
 * (a whole extended-protocol cycle, or a whole transaction), then the next waiting connection gets it.
 * Every message runs under a deadline (the session's statement_timeout, else the default); past it,
 * or on a CancelRequest, the thread is terminated, the client gets SQLSTATE 57014 as from PostgreSQL,
 * PGlite is reopened from its files and the other connections carry on.
 */
export class EmbeddedWireServer {
  private readonly server: Server;
  private readonly connections = new Map<number, Connection>();
  private readonly waiting: Connection[] = [];
  private owner: Connection | undefined;
  private running: Running | undefined;
  private restarting: Promise<void> | undefined;
  private status: TransactionStatus = "I";
  private sessionTimeoutMs = 0;
  private stopped = false;

  constructor(
    private readonly thread: PgliteThread,
    private readonly options: WireServerOptions,
  ) {
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = options.maxConnections;
  }

  /** Listens and resolves with the bound port. */
  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    return (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const connection of this.connections.values()) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.running) await this.thread.kill();
    await this.restarting?.catch(() => undefined);
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    let secretKey = randomInt(2 ** 31);
    while (this.connections.has(secretKey)) secretKey = randomInt(2 ** 31);
    const connection: Connection = {
      socket,
      secretKey,
      input: Buffer.alloc(0),
      started: false,
      greeted: false,
      midCycle: false,
      startupTimeoutMs: 0,
      messages: [],
      discardUntilSync: false,
      queued: false,
      closed: false,
    };
    this.connections.set(secretKey, connection);
    socket.on("data", (data) => this.receive(connection, data));
    socket.on("error", () => this.close(connection));
    socket.on("close", () => this.close(connection));
  }

  /** Splits the byte stream into messages; answers SSL/GSS requests and cancel requests itself. */
  private receive(connection: Connection, data: Buffer): void {
    let input = connection.input.length ? Buffer.concat([connection.input, data]) : data;
    while (input.length >= 5) {
      const length = connection.started ? 1 + input.readInt32BE(1) : input.readInt32BE(0);
      if (input.length < length) break;
      const message = Buffer.from(input.subarray(0, length)); // own copy: the input buffer is reused
      input = input.subarray(length);
      if (!connection.started) {
        const code = message.length >= 8 ? message.readInt32BE(4) : 0;
        if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
          connection.socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST_CODE && message.length === 16) {
          this.cancel(message.readInt32BE(12));
          connection.socket.end();
          return;
        }
        connection.started = true;
      }
      connection.messages.push(message);
    }
    connection.input = input;
    this.enqueue(connection);
    this.pump();
  }

  private enqueue(connection: Connection): void {
    if (connection.queued || connection === this.owner || connection.messages.length === 0) return;
    connection.queued = true;
    this.waiting.push(connection);
  }

  /** Runs the next message: the session owner's, else the first waiting connection's. */
  private pump(): void {
    while (!this.running && !this.restarting && !this.stopped) {
      let connection = this.owner;
      if (!connection) {
        connection = this.waiting.shift();
        if (!connection) return;
        connection.queued = false;
        if (connection.closed) continue;
        this.owner = connection;
      }
      const batch = this.nextBatch(connection);
      if (batch.length > 0) {
        this.run(connection, batch);
        return;
      }
      if (connection.messages[0]?.[0] !== TERMINATE) return; // the owner's transaction or cycle is open
      connection.socket.end();
      this.close(connection);
    }
  }

  /** The connection's messages up to the end of a cycle (Sync or Query); the StartupMessage alone. */
  private nextBatch(connection: Connection): Buffer[] {
    const batch: Buffer[] = [];
    const messages = connection.messages;
    if (!connection.greeted) return messages.splice(0, 1);
    while (messages.length > 0 && messages[0]![0] !== TERMINATE) {
      const message = messages.shift()!;
      const type = message[0];
      if (connection.discardUntilSync) {
        if (type !== SYNC) continue;
        connection.discardUntilSync = false;
      }
      batch.push(message);
      if (type === SYNC || type === QUERY) break;
    }
    return batch;
  }

  private run(connection: Connection, batch: Buffer[]): void {
    const isStartup = !connection.greeted;
    if (isStartup) connection.startupTimeoutMs = startupStatementTimeoutMs(batch[0]!);
    connection.greeted = true;
    connection.midCycle = !isStartup;
    const deadline =
      this.sessionTimeoutMs || connection.startupTimeoutMs || this.options.defaultStatementTimeoutMs;
    const running: Running = {
      connection,
      lastType: batch[batch.length - 1]![0]!,
      startup: isStartup,
      statusBefore: this.status,
      timer: setTimeout(() => this.stopRunning("timeout"), deadline),
    };
    this.running = running;
    const startupReply: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      if (isStartup) startupReply.push(chunk);
      else this.write(connection, chunk);
    };
    this.thread.exec(batch, isStartup, onData).then(
      (result) => {
        clearTimeout(running.timer);
        this.running = undefined;
        if (isStartup) {
          this.write(connection, setSecretKey(Buffer.concat(startupReply), connection.secretKey));
        }
        this.sessionTimeoutMs = result.timeoutMs;
        if (result.status) {
          this.status = result.status;
          connection.midCycle = false;
          if (result.status === "I") this.release(connection);
        }
        this.pump();
      },
      (error: unknown) => {
        clearTimeout(running.timer);
        this.running = undefined;
        this.restarting = this.recover(running, error)
          .catch((reopenError: unknown) => {
            // The next message tries again; until then clients get errors, not a hang.
            console.error("[embedded-postgres] could not reopen PGlite:", reopenError);
          })
          .finally(() => {
            this.restarting = undefined;
            this.pump();
          });
      },
    );
  }

  private stopRunning(reason: "timeout" | "cancel"): void {
    const running = this.running;
    if (!running || running.stoppedBy) return;
    running.stoppedBy = reason;
    void this.thread.kill();
  }

  /** A CancelRequest stops the named connection's statement if it is the one running. */
  private cancel(secretKey: number): void {
    const target = this.connections.get(secretKey);
    if (target && this.running?.connection === target && !this.running.startup) {
      this.stopRunning("cancel");
    }
  }

  /** Answers the stopped message as PostgreSQL would, then reopens PGlite from its files. */
  private async recover(running: Running, error: unknown): Promise<void> {
    if (!(error instanceof PgliteStoppedError)) throw error;
    const { connection, lastType, statusBefore } = running;
    const inTransaction = statusBefore !== "I" && !connection.closed;
    const [sqlState, text] =
      running.stoppedBy === "timeout"
        ? ["57014", "canceling statement due to statement timeout"]
        : running.stoppedBy === "cancel"
          ? ["57014", "canceling statement due to user request"]
          : ["XX000", `the embedded database stopped and was reopened: ${error.message}`];
    this.status = inTransaction ? "E" : "I";
    this.sessionTimeoutMs = 0;
    if (running.startup) {
      connection.socket.destroy();
      this.close(connection);
    } else {
      this.write(connection, errorResponse(sqlState, text));
      if (lastType === QUERY || lastType === SYNC) {
        this.write(connection, readyForQuery(this.status));
        connection.midCycle = false;
        if (!inTransaction) this.release(connection);
      } else {
        connection.discardUntilSync = true;
      }
    }
    if (this.stopped) return;
    await this.thread.kill();
    await this.thread.open({ abortedTransaction: inTransaction });
  }

  /** The owner's cycle ended idle: the session goes to the next waiting connection. */
  private release(connection: Connection): void {
    if (this.owner !== connection) return;
    this.owner = undefined;
    this.enqueue(connection);
  }

  private close(connection: Connection): void {
    if (connection.closed) return;
    connection.closed = true;
    this.connections.delete(connection.secretKey);
    connection.discardUntilSync = false;
    connection.messages = [];
    if (this.owner !== connection) return;
    if (this.status === "I" && !connection.midCycle) {
      this.owner = undefined;
    } else {
      // End what it left open (a transaction, an unfinished extended cycle) before the next client.
      connection.messages = rollbackMessages();
    }
    if (!this.running) this.pump();
  }

  private write(connection: Connection, chunk: Buffer): void {
    if (!connection.closed && connection.socket.writable) connection.socket.write(chunk);
  }
}
