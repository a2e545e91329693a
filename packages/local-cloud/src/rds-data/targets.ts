import type { CloudContext } from "../local-cloud.ts";
import type { BackendLogin, PostgresBackend } from "../postgres/postgres-backend.ts";
import { rdsError } from "./errors.ts";
import type { TargetInput } from "./request.ts";

/** Where a Data API call runs: the cluster's Postgres, the secret's login, and the database. */
export interface ResolvedTarget {
  backend: PostgresBackend;
  login: BackendLogin;
  database: string;
  /** Identifies the database across calls (for the per-database type cache). */
  databaseKey: string;
}

const CLUSTER_ARN = /^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:(?:cluster|db):[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Resolves `resourceArn` to a registered Aurora cluster and `secretArn` to the `{username, password}`
 * secret, as the Data API does before touching the database. An unknown cluster looks to the
 * caller like one without the HTTP endpoint (HttpEndpointNotEnabledException); a missing or deleted
 * secret is SecretsErrorException; a secret without string username/password is InvalidSecretException.
 */
export function resolveTarget(context: CloudContext, target: TargetInput): ResolvedTarget {
  const cluster = context.resources.findAuroraCluster(target.resourceArn);
  if (!cluster) {
    if (!CLUSTER_ARN.test(target.resourceArn))
      throw rdsError.badRequest(`Invalid resource ARN: ${target.resourceArn}`);
    throw rdsError.httpEndpointNotEnabled(target.resourceArn);
  }
  const secret = context.secrets.currentValue(target.secretArn);
  if (secret === undefined) throw rdsError.secretNotFound(target.secretArn);
  const credentials = parseCredentials(secret);
  if (!credentials) throw rdsError.invalidSecret(target.secretArn);
  const backend = context.resources.backendFor(cluster);
  const database = target.database ?? (decodeURIComponent(backend.url.pathname.slice(1)) || "postgres");
  return {
    backend,
    login: { user: credentials.username, password: credentials.password, database },
    database,
    databaseKey: `${backend.url.host}/${database}`,
  };
}

function parseCredentials(secret: string): { username: string; password: string } | undefined {
  try {
    const value = JSON.parse(secret) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { username, password } = value as Record<string, unknown>;
    return typeof username === "string" && username !== "" && typeof password === "string"
      ? { username, password }
      : undefined;
  } catch {
    return undefined;
  }
}
