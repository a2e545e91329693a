import type { NeonConfig } from "../core/config.ts";
import type { Connector } from "../core/connector.ts";
import { createSqlConnector, type SqlGuard } from "../core/sql-connector.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { postgresDialect } from "../postgres-dialect/postgres-dialect.ts";
import { guardReadOnlySelect } from "../sql-guard/index.ts";
import { createNeonExecutor } from "./neon-executor.ts";

/**
 * A Neon database over its HTTP endpoint (`fetch` only: runs in Convex's default runtime, no `pg`).
 * `environment.neon.fetchEndpoint` points it at another endpoint (the local cloud). `guard` is for
 * tests that must prove the read-only transaction refuses writes on its own.
 */
export function createNeonConnector(
  config: NeonConfig,
  environment: ConnectorEnvironment = {},
  options: { guard?: SqlGuard } = {},
): Connector {
  return createSqlConnector({
    provider: "neon",
    executor: createNeonExecutor(config.connectionString, environment),
    dialect: postgresDialect,
    guard: options.guard ?? guardReadOnlySelect,
    cancelsFromSecondConnection: true,
  });
}
