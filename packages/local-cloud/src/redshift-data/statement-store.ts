import { randomUUID } from "node:crypto";
import type { BackendLogin, PostgresBackend } from "../postgres/postgres-backend.ts";
import { queryNotFound } from "./errors.ts";
import type { SqlParameter } from "./input-reader.ts";
import type { ColumnMetadata, Field } from "./result-fields.ts";

export type StatementStatus = "SUBMITTED" | "PICKED" | "STARTED" | "FINISHED" | "ABORTED" | "FAILED";
export type ResultFormat = "JSON" | "CSV";
export type ExecutionMode = "TRANSACTION" | "AUTO_COMMIT";

const TERMINAL: ReadonlySet<StatementStatus> = new Set(["FINISHED", "ABORTED", "FAILED"]);

export function isTerminal(status: StatementStatus): boolean {
  return TERMINAL.has(status);
}

/** A finished query's rows, converted once; pages are cut from them on every GetStatementResult. */
export interface QueryResult {
  columns: ColumnMetadata[];
  records: Field[][];
  /** Size of each record as serialized JSON, to cut pages at `pageMaxBytes`. */
  recordBytes: number[];
}

/** One SQL statement: the whole of an ExecuteStatement, or one sub-statement (`<id>:<n>`) of a batch. */
export interface Query {
  id: string;
  sql: string;
  /** Postgres text after `:name` → `$n` rewriting, and the values to bind. */
  text: string;
  values: string[];
  status: StatementStatus;
  createdAt: number;
  updatedAt: number;
  /** Nanoseconds the query ran; -1 until it ends, like the service. */
  durationNs: number;
  error?: string | undefined;
  hasResultSet: boolean;
  /** Rows returned, or rows affected for DML; -1 until known. */
  resultRows: number;
  /** Bytes of the result; -1 until known. */
  resultSize: number;
  redshiftQueryId: number;
  result?: QueryResult | undefined;
}

/** Everything an ExecuteStatement / BatchExecuteStatement call resolved before the statement runs. */
export interface StatementSpec {
  isBatch: boolean;
  queries: { sql: string; text: string; values: string[] }[];
  clusterIdentifier?: string | undefined;
  workgroupName?: string | undefined;
  database: string;
  dbUser?: string | undefined;
  secretArn?: string | undefined;
  statementName?: string | undefined;
  parameters?: SqlParameter[] | undefined;
  resultFormat: ResultFormat;
  executionMode: ExecutionMode;
  sessionId?: string | undefined;
  clientToken?: string | undefined;
  backend: PostgresBackend;
  login: BackendLogin;
}

export interface Statement extends StatementSpec {
  id: string;
  subStatements: Query[];
  status: StatementStatus;
  createdAt: number;
  updatedAt: number;
  durationNs: number;
  error?: string | undefined;
  redshiftPid: number;
  /** Resolves when the statement reaches FINISHED, FAILED or ABORTED (for WaitTimeSeconds). */
  settled: Promise<void>;
  markSettled(): void;
}

/** A new statement in SUBMITTED; sub-statement ids are `<id>:1`, `<id>:2`... for batches, else the id. */
export function createStatement(spec: StatementSpec, now = Date.now()): Statement {
  const id = randomUUID();
  let markSettled = () => {};
  const settled = new Promise<void>((resolve) => (markSettled = resolve));
  const subStatements = spec.queries.map((query, index): Query => ({
    id: spec.isBatch ? `${id}:${index + 1}` : id,
    ...query,
    status: "SUBMITTED",
    createdAt: now,
    updatedAt: now,
    durationNs: -1,
    hasResultSet: false,
    resultRows: -1,
    resultSize: -1,
    redshiftQueryId: 0,
  }));
  return {
    ...spec,
    id,
    subStatements,
    status: "SUBMITTED",
    createdAt: now,
    updatedAt: now,
    durationNs: -1,
    redshiftPid: 0,
    settled,
    markSettled,
  };
}

/**
 * Moves a statement to a new status. A single statement's one query follows it; a batch's
 * sub-statements advance one by one (the runner moves them) and any left unfinished when the batch
 * ends are ABORTED with it, or skipped (ABORTED) when an earlier one FAILED.
 */
export function setStatus(statement: Statement, status: StatementStatus, error?: string): void {
  if (isTerminal(statement.status)) return;
  const now = Date.now();
  statement.status = status;
  statement.updatedAt = now;
  if (error !== undefined) statement.error = error;
  for (const query of statement.subStatements) {
    if (isTerminal(query.status) || (statement.isBatch && !isTerminal(status))) continue;
    query.status = statement.isBatch && status === "FAILED" ? "ABORTED" : status;
    query.updatedAt = now;
    if (!statement.isBatch && error !== undefined) query.error = error;
  }
  if (isTerminal(status)) {
    statement.durationNs = statement.subStatements.reduce(
      (sum, query) => sum + Math.max(0, query.durationNs),
      0,
    );
    statement.markSettled();
  }
}

/**
 * The statements of the emulated account, by id. Statements are forgotten `resultRetentionMs` after
 * they end (the service keeps them 24 hours); `ClientToken`s map retries to the original statement.
 */
export class StatementStore {
  private readonly statements = new Map<string, Statement>();
  private readonly clientTokens = new Map<string, string>();

  add(statement: Statement): void {
    this.statements.set(statement.id, statement);
    if (statement.clientToken) this.clientTokens.set(statement.clientToken, statement.id);
  }

  /** The statement an earlier request with this ClientToken created, if still known. */
  byClientToken(token: string): Statement | undefined {
    const id = this.clientTokens.get(token);
    return id === undefined ? undefined : this.statements.get(id);
  }

  /** Finds a statement by its id or one of its sub-statement ids; unknown ids are the service's error. */
  lookup(id: string): { statement: Statement; subStatement?: Query | undefined } {
    const [parentId = id, suffix] = id.split(":");
    const statement = this.statements.get(parentId);
    if (!statement) throw queryNotFound(id);
    if (suffix === undefined) return { statement };
    const subStatement = statement.isBatch ? statement.subStatements[Number(suffix) - 1] : undefined;
    if (!subStatement) throw queryNotFound(id);
    return { statement, subStatement };
  }

  /** All statements, newest first. */
  newestFirst(): Statement[] {
    // Insertion order is creation order; ties within a millisecond stay in the right order.
    return [...this.statements.values()].reverse();
  }

  running(): Statement[] {
    return [...this.statements.values()].filter((statement) => !isTerminal(statement.status));
  }

  /** Drops statements (results included) that ended more than `retentionMs` ago. */
  expire(retentionMs: number, now = Date.now()): void {
    for (const [id, statement] of this.statements) {
      if (isTerminal(statement.status) && statement.updatedAt + retentionMs <= now) {
        this.statements.delete(id);
        if (statement.clientToken) this.clientTokens.delete(statement.clientToken);
      }
    }
  }
}
