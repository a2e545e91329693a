import type { AuroraDataApiConfig } from "../core/config.ts";
import type { Connector } from "../core/connector.ts";
import { createSqlConnector, type SqlGuard } from "../core/sql-connector.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { guardReadOnlySelect } from "../sql-guard/index.ts";
import { createAuroraDataApiExecutor } from "./aurora-data-api-executor.ts";
import { auroraDialect } from "./aurora-dialect.ts";

/**
 * Aurora PostgreSQL through the RDS Data API (HTTPS only: no VPC access or TCP needed, so it also
 * runs in Convex's default runtime). The AWS endpoint, region and credentials come from the
 * platform's `environment`; the database login from the Secrets Manager secret `secretArn`, which
 * the Data API reads itself (its value never passes through this process). `guard` is for tests that
 * must prove the read-only transaction refuses writes on its own; production uses the SQL guard.
 */
export function createAuroraDataApiConnector(
  config: AuroraDataApiConfig,
  environment: ConnectorEnvironment,
  options: { guard?: SqlGuard } = {},
): Connector {
  return createSqlConnector({
    provider: "aurora_data_api",
    executor: createAuroraDataApiExecutor(config, environment),
    dialect: auroraDialect,
    guard: options.guard ?? guardReadOnlySelect,
  });
}
