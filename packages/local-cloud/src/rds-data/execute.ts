import type pg from "pg";
import type { CloudContext } from "../local-cloud.ts";
import { isConnectionError, rdsError, toDataApiError } from "./errors.ts";
import type { Field } from "./field-values.ts";
import { bindParameters } from "./parameters.ts";
import type { BatchExecuteInput, ExecuteInput } from "./request.ts";
import { buildExecuteOutput, generatedFields, type ExecuteOutput } from "./results.ts";
import { backendPid, runStatement, withStatementTimeout } from "./statement-runner.ts";
import { resolveTarget, type ResolvedTarget } from "./targets.ts";
import type { OpenTransaction, TransactionRegistry } from "./transactions.ts";

type Session = pg.PoolClient | pg.Client;

/** Runs ExecuteStatement: in its transaction when `transactionId` is given, else autocommitted. */
export async function executeStatement(
  context: CloudContext,
  transactions: TransactionRegistry,
  input: ExecuteInput,
): Promise<ExecuteOutput> {
  const target = resolveTarget(context, input);
  const statement = bindParameters(input.sql, input.parameters);
  const work = async (session: Session) =>
    buildExecuteOutput(
      session,
      target.databaseKey,
      await runStatement(session, statement),
      input,
      context.settings.rdsData,
    );
  return runCall(context, transactions, target, input, input.continueAfterTimeout, work);
}

/**
 * Runs BatchExecuteStatement: the statement once per parameter set. Outside a transaction the whole
 * batch is one transaction of its own (all sets or none); inside one, it is part of it.
 */
export async function batchExecuteStatement(
  context: CloudContext,
  transactions: TransactionRegistry,
  input: BatchExecuteInput,
): Promise<{ updateResults: { generatedFields: Field[] }[] }> {
  const target = resolveTarget(context, input);
  const statements = input.parameterSets.map((set, index) =>
    bindParameters(input.sql, set, `parameterSets.${index + 1}`),
  );
  const runAll = async (session: Session) => {
    const updateResults: { generatedFields: Field[] }[] = [];
    for (const statement of statements) {
      const result = await runStatement(session, statement);
      updateResults.push({ generatedFields: await generatedFields(session, target.databaseKey, result) });
    }
    return { updateResults };
  };
  if (statements.length === 0) return { updateResults: [] };
  const work = input.transactionId ? runAll : (session: Session) => inOwnTransaction(session, runAll);
  return runCall(context, transactions, target, input, false, work);
}

async function inOwnTransaction<T>(session: Session, work: (session: Session) => Promise<T>): Promise<T> {
  await session.query("BEGIN");
  try {
    const output = await work(session);
    await session.query("COMMIT");
    return output;
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** Picks the session (the transaction's, or one from the login's pool), applies the statement timeout, maps errors. */
async function runCall<T>(
  context: CloudContext,
  transactions: TransactionRegistry,
  target: ResolvedTarget,
  input: {
    resourceArn: string;
    secretArn: string;
    database?: string | undefined;
    transactionId?: string | undefined;
  },
  continueAfterTimeout: boolean,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const pool = target.backend.pool(target.login);
  const timeout = (session: Session) => ({
    timeoutMs: context.settings.rdsData.statementTimeoutMs,
    continueAfterTimeout,
    pid: backendPid(session),
    cancel: (pid: number) => pool.query("SELECT pg_cancel_backend($1)", [pid]),
  });
  try {
    if (input.transactionId) {
      const transaction = transactions.find(input.transactionId, input);
      if (!transaction)
        throw rdsError.transactionNotFound(input.transactionId, "TransactionNotFoundException");
      if (input.database !== undefined && input.database !== transaction.database) {
        throw rdsError.badRequest(
          `The database ${input.database} doesn't match the database ${transaction.database} of transaction ${transaction.id}`,
        );
      }
      const running = transactions.use(transaction, (session) => recordFailure(transaction, work(session)));
      return await withStatementTimeout(running, timeout(transaction.client));
    }
    const session = await pool.connect();
    const running = (async () => {
      let broken: Error | undefined;
      try {
        return await work(session);
      } catch (error) {
        if (isConnectionError(error) && error instanceof Error) broken = error;
        throw error;
      } finally {
        session.release(broken);
      }
    })();
    return await withStatementTimeout(running, timeout(session));
  } catch (error) {
    throw toDataApiError(error);
  }
}

/** Remembers why a transaction broke, for the error a later CommitTransaction reports. */
async function recordFailure<T>(transaction: OpenTransaction, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const dataApiError = toDataApiError(error);
    if (dataApiError.type === "DatabaseErrorException") transaction.failure ??= dataApiError.message;
    throw error;
  }
}
