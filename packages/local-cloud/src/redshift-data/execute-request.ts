import type { JsonInput } from "../http/aws-json-service.ts";
import { IamRegistry, type Caller } from "../iam/iam-registry.ts";
import type { CloudContext } from "../local-cloud.ts";
import { LOCAL_REGION } from "../secrets-manager/secret-store.ts";
import { toPositionalParameters } from "../sql/sql-lexer.ts";
import { validationError } from "./errors.ts";
import {
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalParameters,
  optionalString,
  requiredString,
  requiredStringList,
  type SqlParameter,
} from "./input-reader.ts";
import type { SessionStore, SessionTarget } from "./sessions.ts";
import type { StatementSpec } from "./statement-store.ts";

/** The service's limit on one statement's text (100 KB) and on a batch (40 statements). */
const MAX_SQL_BYTES = 100 * 1024;
const MAX_BATCH_SQLS = 40;

export interface ExecuteRequest {
  spec: StatementSpec;
  /** A new session to open for this statement (SessionKeepAliveSeconds without SessionId). */
  keepAliveSeconds?: number | undefined;
  /** Long polling: how long ExecuteStatement waits for the statement to end. */
  waitTimeSeconds?: number | undefined;
}

/**
 * Validates an ExecuteStatement or BatchExecuteStatement request the way the service does and resolves
 * everything it names: the cluster or workgroup, the credentials (secret or DbUser), the session, and
 * the `:name` parameters bound to `$n` placeholders. Clusters and workgroups are named within the
 * signer's account; the secret must be one the signer may read.
 */
export function parseExecuteRequest(
  input: JsonInput,
  batch: boolean,
  context: CloudContext,
  sessions: SessionStore,
  caller: Caller,
): ExecuteRequest {
  const sqls = batch ? requiredStringList(input, "Sqls", 1, MAX_BATCH_SQLS) : [requiredString(input, "Sql")];
  for (const sql of sqls) {
    if (sql.trim() === "") throw validationError("SQL statement cannot be empty.");
    if (Buffer.byteLength(sql) > MAX_SQL_BYTES)
      throw validationError("The SQL statement exceeds the maximum size of 100 KB.");
  }
  const parameters = optionalParameters(input);
  const keepAliveSeconds = optionalInteger(input, "SessionKeepAliveSeconds", 0, 86_400);
  const sessionId = optionalString(input, "SessionId");
  optionalBoolean(input, "WithEvent");
  const common = {
    isBatch: batch,
    queries: bindParameters(sqls, parameters),
    statementName: optionalString(input, "StatementName", 500),
    clientToken: optionalString(input, "ClientToken", 64),
    parameters,
    resultFormat: optionalEnum(input, "ResultFormat", ["JSON", "CSV"] as const) ?? "JSON",
    executionMode:
      (batch ? optionalEnum(input, "ExecutionMode", ["TRANSACTION", "AUTO_COMMIT"] as const) : undefined) ??
      "TRANSACTION",
  };
  const waitTimeSeconds = optionalInteger(input, "WaitTimeSeconds", 0, 30);
  if (sessionId !== undefined) {
    for (const field of ["ClusterIdentifier", "WorkgroupName", "Database", "SecretArn", "DbUser"]) {
      if (input[field] !== undefined && input[field] !== null) {
        throw validationError(
          `${field} cannot be specified together with SessionId: the session already determines it.`,
        );
      }
    }
    const target = sessions.reserve(sessionId, keepAliveSeconds);
    return { spec: { ...common, ...target, sessionId }, waitTimeSeconds };
  }
  const target = resolveTarget(input, context, caller, batch);
  return { spec: { ...common, ...target }, keepAliveSeconds: keepAliveSeconds || undefined, waitTimeSeconds };
}

/** The cluster or workgroup, the database and the login, from ClusterIdentifier/WorkgroupName and the credentials. */
function resolveTarget(
  input: JsonInput,
  context: CloudContext,
  caller: Caller,
  batch: boolean,
): SessionTarget {
  const clusterIdentifier = optionalString(input, "ClusterIdentifier");
  const workgroupName = optionalString(input, "WorkgroupName");
  const database = optionalString(input, "Database");
  const secretArn = optionalString(input, "SecretArn");
  const dbUser = optionalString(input, "DbUser");
  if (clusterIdentifier === undefined && workgroupName === undefined) {
    throw validationError("Either ClusterIdentifier or WorkgroupName needs to be specified.");
  }
  if (clusterIdentifier !== undefined && workgroupName !== undefined) {
    throw validationError("Only one of ClusterIdentifier or WorkgroupName can be specified, not both.");
  }
  if (database === undefined) throw validationError("Database needs to be specified.");
  if (secretArn !== undefined && dbUser !== undefined) {
    throw validationError("Only one of SecretArn or DbUser can be specified, not both.");
  }
  if (workgroupName !== undefined && dbUser !== undefined) {
    // Serverless derives the database user from the IAM identity (or the secret); there are no temporary DbUser credentials.
    throw validationError(
      "DbUser is not supported with WorkgroupName. Use SecretArn, or IAM credentials without DbUser.",
    );
  }
  const action = `redshift-data:${batch ? "BatchExecuteStatement" : "ExecuteStatement"}`;
  context.iam.authorize(
    caller,
    action,
    workgroupName !== undefined
      ? `arn:aws:redshift-serverless:${LOCAL_REGION}:${caller.accountId}:workgroup/${workgroupName}`
      : `arn:aws:redshift:${LOCAL_REGION}:${caller.accountId}:cluster:${clusterIdentifier}`,
  );
  const resource = context.resources.findRedshift({
    clusterIdentifier,
    workgroupName,
    accountId: IamRegistry.lookupAccount(caller),
  });
  if (!resource) throw validationError("Redshift endpoint doesn't exist in this region.");
  // The Data API reads the secret as the caller: another account's secret is refused.
  if (secretArn !== undefined) context.iam.authorize(caller, "secretsmanager:GetSecretValue", secretArn);
  const login = secretArn !== undefined ? secretLogin(context, secretArn) : { user: dbUser };
  return {
    clusterIdentifier,
    workgroupName,
    database,
    dbUser,
    secretArn,
    backend: context.resources.backendFor(resource),
    login: { ...login, database },
  };
}

/** The `{username, password}` secret the request points to, as the login to connect with. */
function secretLogin(context: CloudContext, secretArn: string): { user: string; password: string } {
  const value = context.secrets.currentValue(secretArn);
  if (value === undefined) {
    throw validationError(`Secrets Manager can't find the specified secret: ${secretArn}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw validationError("The secret value is not a valid JSON string with username and password.");
  }
  const { username, password } = (parsed ?? {}) as { username?: unknown; password?: unknown };
  if (typeof username !== "string" || typeof password !== "string" || !username || !password) {
    throw validationError("username and password in secret cannot be empty");
  }
  return { user: username, password };
}

/**
 * Rewrites `:name` placeholders to `$n` per statement. Like the service, every parameter given must
 * be used by some statement, and every placeholder must have a value (values are strings; Postgres
 * casts them from the context, as Redshift does). Without Parameters the SQL is sent untouched.
 */
function bindParameters(sqls: string[], parameters: SqlParameter[] | undefined): StatementSpec["queries"] {
  if (!parameters) return sqls.map((sql) => ({ sql, text: sql, values: [] }));
  const values = new Map<string, string>();
  for (const { name, value } of parameters) {
    if (values.has(name))
      throw validationError(`Parameters list contains duplicate parameters. Duplicate parameters: [${name}]`);
    values.set(name, value);
  }
  const used = new Set<string>();
  const queries = sqls.map((sql) => {
    const { text, names } = toPositionalParameters(sql);
    const missing = names.filter((name) => !values.has(name));
    if (missing.length > 0) {
      throw validationError(
        `SQL statement contains parameters that are not in the Parameters list. Missing parameters: [${missing.join(", ")}]`,
      );
    }
    names.forEach((name) => used.add(name));
    return { sql, text, values: names.map((name) => values.get(name) ?? "") };
  });
  const unused = [...values.keys()].filter((name) => !used.has(name));
  if (unused.length > 0)
    throw validationError(
      `Parameters list contains unused parameters. Unused parameters: [${unused.join(", ")}]`,
    );
  return queries;
}
