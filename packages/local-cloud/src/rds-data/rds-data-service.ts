import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import type { JsonInput } from "../http/aws-json-service.ts";
import type { CloudContext } from "../local-cloud.ts";
import { rdsError, toDataApiError } from "./errors.ts";
import { batchExecuteStatement, executeStatement } from "./execute.ts";
import {
  asObject,
  readBatchExecuteInput,
  readExecuteInput,
  readTarget,
  readTransactionInput,
} from "./request.ts";
import { parseRequestJson } from "./request-json.ts";
import { resolveTarget } from "./targets.ts";
import { TransactionRegistry } from "./transactions.ts";

/** restJson1 routes of the RDS Data API (`POST /Execute`, ...) and the operation each one is. */
const ROUTES: Record<string, string> = {
  "/Execute": "ExecuteStatement",
  "/BatchExecute": "BatchExecuteStatement",
  "/BeginTransaction": "BeginTransaction",
  "/CommitTransaction": "CommitTransaction",
  "/RollbackTransaction": "RollbackTransaction",
};

type Operation = (input: JsonInput) => Promise<unknown>;

/**
 * The RDS Data API for Aurora PostgreSQL, as the unmodified `@aws-sdk/client-rds-data` calls it:
 * ExecuteStatement, BatchExecuteStatement and the three transaction operations, against the cluster's
 * Postgres with the login from the request's Secrets Manager secret. Limits and timings come from
 * `context.settings.rdsData`, read on every call. The signer (IamRegistry.callerOf) must be allowed on
 * the cluster and the secret: an assumed role only in its own account. `close()` rolls back every
 * open transaction.
 */
export function rdsDataService(context: CloudContext): { service: HttpService; close(): Promise<void> } {
  const transactions = new TransactionRegistry(() => context.settings.rdsData.transactionIdleTimeoutMs);

  const operations: Record<string, Operation> = {
    ExecuteStatement: (input) => executeStatement(context, transactions, readExecuteInput(input)),

    BatchExecuteStatement: (input) =>
      batchExecuteStatement(context, transactions, readBatchExecuteInput(input)),

    async BeginTransaction(input) {
      const request = readTarget(input);
      const target = resolveTarget(context, request);
      try {
        const transaction = await transactions.begin(target.backend, target.login, {
          resourceArn: request.resourceArn,
          secretArn: request.secretArn,
          database: target.database,
          databaseKey: target.databaseKey,
        });
        return { transactionId: transaction.id };
      } catch (error) {
        throw toDataApiError(error);
      }
    },

    async CommitTransaction(input) {
      const request = readTransactionInput(input);
      resolveTarget(context, request);
      const transaction = transactions.find(request.transactionId, request);
      if (!transaction) throw rdsError.transactionNotFound(request.transactionId, "NotFoundException");
      let tag: string;
      try {
        tag = await transactions.finish(transaction, "COMMIT");
      } catch (error) {
        throw toDataApiError(error);
      }
      // Postgres answers COMMIT of an aborted transaction with ROLLBACK; the JDBC driver reports that as an error.
      if (tag === "ROLLBACK") {
        throw rdsError.databaseError(
          `ERROR: The database returned ROLLBACK, so the transaction cannot be committed. Transaction failure cause is <<${transaction.failure ?? "unknown"}>>; SQLState: 25P02`,
        );
      }
      return { transactionStatus: "Transaction Committed" };
    },

    async RollbackTransaction(input) {
      const request = readTransactionInput(input);
      resolveTarget(context, request);
      const transaction = transactions.find(request.transactionId, request);
      if (!transaction) throw rdsError.transactionNotFound(request.transactionId, "NotFoundException");
      try {
        await transactions.finish(transaction, "ROLLBACK");
      } catch (error) {
        throw toDataApiError(error);
      }
      return { transactionStatus: "Rollback Complete" };
    },
  };

  const service: HttpService = {
    name: "rds-data",
    match(request: ServiceRequest) {
      return request.method === "POST" && Object.hasOwn(ROUTES, request.path)
        ? ROUTES[request.path]
        : undefined;
    },
    async handle(operation: string, request: ServiceRequest) {
      const run = operations[operation];
      if (!run) throw rdsError.badRequest(`${operation} is not an operation of the RDS Data API`);
      const caller = context.iam.callerOf(request.headers);
      const input = asObject(parseRequestJson(request.body));
      // The caller must be allowed on the cluster, and the Data API reads the secret as the caller.
      if (typeof input.resourceArn === "string")
        context.iam.authorize(caller, `rds-data:${operation}`, input.resourceArn);
      if (typeof input.secretArn === "string")
        context.iam.authorize(caller, "secretsmanager:GetSecretValue", input.secretArn);
      const output = await run(input);
      return { status: 200, headers: { "content-type": "application/json" }, body: output };
    },
  };

  return { service, close: () => transactions.close() };
}
