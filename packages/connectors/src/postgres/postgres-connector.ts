import type { NetworkAccess } from "@answerbase/egress";
import type { PostgresConfig } from "../core/config.ts";
import type { Connector } from "../core/connector.ts";
import { createSqlConnector, type SqlGuard } from "../core/sql-connector.ts";
import { postgresDialect } from "../postgres-dialect/postgres-dialect.ts";
import { guardReadOnlySelect } from "../sql-guard/index.ts";
import { createPostgresExecutor } from "./postgres-executor.ts";

/**
 * Any PostgreSQL reached over TCP with `pg` (Node runtime only), only where `network` allows (the
 * public internet unless the operator granted private networks). `guard` is for tests that must prove
 * the read-only transaction refuses writes on its own; production always uses the SQL guard.
 */
export function createPostgresConnector(
  config: PostgresConfig,
  options: { guard?: SqlGuard; network?: NetworkAccess | undefined } = {},
): Connector {
  return createSqlConnector({
    provider: "postgres",
    executor: createPostgresExecutor(config.connectionString, options.network),
    dialect: postgresDialect,
    guard: options.guard ?? guardReadOnlySelect,
    cancelsFromSecondConnection: true,
  });
}
