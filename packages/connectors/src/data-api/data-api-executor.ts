import type { QueryParam } from "../core/connector.ts";
import { ConnectorError } from "../core/errors.ts";
import type { ExecuteOptions, ExecutedStatement, SqlExecutor } from "../core/sql-executor.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { isAwsCredentialFailure } from "./aws-errors.ts";
import { awsClientOptions, CallDeadline, type AwsClientOptions } from "./data-api-calls.ts";
import { toDataApiError, type DataApiErrorContext, type DataApiErrors } from "./data-api-errors.ts";
import { TenantCredentials } from "./tenant-credentials.ts";

/** What one Data API service (RDS or Redshift) adds to the shared executor. */
export interface DataApiService<Client, Parameter> {
  /** The service's SDK client, built from the shared options (tenant credentials, no SDK retries). */
  newClient(options: AwsClientOptions): Client;
  /** How the service runs statements with that client. */
  statements(client: Client): DataApiStatements<Parameter>;
  /** The service's part of the error map. */
  errors: DataApiErrors;
}

/** A statement ready for a Data API: `:p1..:pn` placeholders and the service's parameters for them. */
export interface BoundStatement<Parameter> {
  sql: string;
  parameters: Parameter[];
}

/** How one service binds and runs a statement, and what it must settle before its client goes. */
export interface DataApiStatements<Parameter> {
  /** `$1..$n` → the service's `:name` parameters; refuses what it cannot bind before any AWS call. */
  bind(sql: string, params: readonly QueryParam[]): BoundStatement<Parameter>;
  /** Runs the bound statement under the deadline, the tenant's role already assumed. */
  run(
    statement: BoundStatement<Parameter>,
    deadline: CallDeadline,
    options: ExecuteOptions,
  ): Promise<ExecutedStatement>;
  /** Settles work that outlived its call (Aurora's late rollbacks); `close` waits for it. */
  settle?(): Promise<unknown>;
}

/** Where an executor's calls go: what its error messages may name, and the SDK client's region. */
export interface DataApiTarget extends Omit<DataApiErrorContext, "timeoutMs"> {
  /** The AWS region; when null or undefined, the environment's. */
  region: string | null | undefined;
}

/**
 * A Data API as a SqlExecutor. What both services share lives here: one SDK client per connector
 * signed with the organization's role (TenantCredentials, assumed first under the caller's deadline
 * and assumed again after AWS refuses it), one CallDeadline per call, failures mapped to
 * ConnectorErrors naming `target.where`, and `close`. The service decides how a statement runs.
 */
export function createDataApiExecutor<Client extends { destroy(): void }, Parameter>(
  target: DataApiTarget,
  environment: ConnectorEnvironment,
  service: DataApiService<Client, Parameter>,
): SqlExecutor {
  const credentials = new TenantCredentials(target.roleArn, environment, target.region);
  const client = service.newClient(awsClientOptions(environment, target.region, credentials));
  const statements = service.statements(client);
  let closed = false;

  return {
    async execute(
      sql: string,
      params: readonly QueryParam[],
      options: ExecuteOptions,
    ): Promise<ExecutedStatement> {
      if (closed) throw new ConnectorError("internal", "This connector was closed; create a new one.");
      const deadline = new CallDeadline(options.timeoutMs);
      try {
        const statement = statements.bind(sql, params);
        await credentials.get(deadline.signal());
        return await statements.run(statement, deadline, options);
      } catch (error) {
        if (isAwsCredentialFailure(error)) credentials.forget(); // the next call assumes the role again
        throw toDataApiError(error, service.errors, { ...target, timeoutMs: options.timeoutMs });
      }
    },
    async close() {
      closed = true;
      await statements.settle?.();
      client.destroy();
      credentials.close();
    },
  };
}
