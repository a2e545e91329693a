import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { BackendLogin, PostgresBackend } from "../postgres/postgres-backend.ts";

/** A transaction opened by BeginTransaction: a dedicated session that stays in BEGIN between calls. */
export interface OpenTransaction {
  id: string;
  resourceArn: string;
  secretArn: string;
  database: string;
  databaseKey: string;
  client: pg.Client;
  /** Calls running on it right now; the idle timer only runs while this is 0. */
  active: number;
  idleTimer?: NodeJS.Timeout | undefined;
  /** The error that aborted it, reported if the caller still commits. */
  failure?: string | undefined;
}

export type TransactionOwner = Pick<
  OpenTransaction,
  "resourceArn" | "secretArn" | "database" | "databaseKey"
>;

/**
 * The open transactions of the emulated Data API. Like AWS, a transaction nobody used for the idle
 * timeout (3 minutes) is rolled back and forgotten; later calls with its id find nothing.
 */
export class TransactionRegistry {
  private readonly open = new Map<string, OpenTransaction>();

  /** `idleTimeoutMs` is read whenever a timer is armed, so tests can change the setting. */
  constructor(private readonly idleTimeoutMs: () => number) {}

  async begin(
    backend: PostgresBackend,
    login: BackendLogin,
    owner: TransactionOwner,
  ): Promise<OpenTransaction> {
    const client = await backend.connect(login);
    try {
      await client.query("BEGIN");
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    // AWS transaction ids are opaque base64 strings of about 180 characters.
    const id = randomBytes(135).toString("base64");
    const transaction: OpenTransaction = { ...owner, id, client, active: 0 };
    this.open.set(id, transaction);
    this.armIdleTimer(transaction);
    return transaction;
  }

  /** The open transaction with this id, if it belongs to the same cluster and secret. */
  find(id: string, owner: { resourceArn: string; secretArn: string }): OpenTransaction | undefined {
    const transaction = this.open.get(id);
    return transaction &&
      transaction.resourceArn === owner.resourceArn &&
      transaction.secretArn === owner.secretArn
      ? transaction
      : undefined;
  }

  /** Runs a call on the transaction's session; the idle clock stops while it runs. */
  async use<T>(transaction: OpenTransaction, work: (client: pg.Client) => Promise<T>): Promise<T> {
    transaction.active++;
    clearTimeout(transaction.idleTimer);
    try {
      return await work(transaction.client);
    } finally {
      transaction.active--;
      if (transaction.active === 0 && this.open.get(transaction.id) === transaction)
        this.armIdleTimer(transaction);
    }
  }

  /** Ends the transaction with COMMIT or ROLLBACK and returns Postgres's command tag (ROLLBACK when a COMMIT failed). */
  async finish(transaction: OpenTransaction, command: "COMMIT" | "ROLLBACK"): Promise<string> {
    this.forget(transaction);
    try {
      const result = await transaction.client.query(command);
      return result.command;
    } finally {
      await transaction.client.end().catch(() => undefined);
    }
  }

  /** Rolls back and releases every open transaction (emulator shutdown). */
  async close(): Promise<void> {
    const all = [...this.open.values()];
    await Promise.all(all.map((transaction) => this.finish(transaction, "ROLLBACK").catch(() => undefined)));
  }

  private forget(transaction: OpenTransaction): void {
    clearTimeout(transaction.idleTimer);
    this.open.delete(transaction.id);
  }

  private armIdleTimer(transaction: OpenTransaction): void {
    clearTimeout(transaction.idleTimer);
    transaction.idleTimer = setTimeout(() => {
      if (transaction.active === 0) void this.finish(transaction, "ROLLBACK").catch(() => undefined);
    }, this.idleTimeoutMs());
    transaction.idleTimer.unref();
  }
}
