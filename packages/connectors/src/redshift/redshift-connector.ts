import { timeoutOption } from "../core/call-options.ts";
import type { RedshiftConfig } from "../core/config.ts";
import type { Catalog, Connector } from "../core/connector.ts";
import { ConnectorError, isConnectorError } from "../core/errors.ts";
import { createSqlConnector, type SqlGuard } from "../core/sql-connector.ts";
import type { ExecutedStatement, SqlExecutor } from "../core/sql-executor.ts";
import type { ConnectorEnvironment } from "../environment.ts";
import { createPostgresExecutor } from "../postgres/postgres-executor.ts";
import { estimatedRowsQueryFor, withEstimatedRows } from "../redshift-dialect/estimated-rows.ts";
import { redshiftDialect } from "../redshift-dialect/redshift-dialect.ts";
import { guardReadOnlySelect } from "../sql-guard/index.ts";
import { createRedshiftDataApiExecutor } from "./redshift-executor.ts";

/** listTables' default budget, as for the other connectors' catalogs. */
const CATALOG_TIMEOUT_MS = 30_000;

/**
 * Amazon Redshift, two ways: the Redshift Data API (`workgroupName` for Serverless or
 * `clusterIdentifier` for provisioned, with `secretArn` or a `dbUser`; HTTPS only) or a direct
 * `connectionString` over the Postgres wire protocol (`pg`, Node runtime). Both use the Redshift
 * dialect. `listTables` runs two statements side by side (the pg_catalog catalog, and the
 * estimated row counts from SVV_TABLE_INFO — or pg_class on a Postgres server), after one
 * `versionQuery` per connector instance that tells which engine answers. `guard` is for tests only.
 */
export function createRedshiftConnector(
  config: RedshiftConfig,
  environment: ConnectorEnvironment,
  options: { guard?: SqlGuard } = {},
): Connector {
  const executor =
    "connectionString" in config
      ? createPostgresExecutor(config.connectionString, environment.network)
      : createRedshiftDataApiExecutor(config, environment);
  // Redshift's guard also allows its own built-ins (getdate, nvl, listagg, ...).
  const guard: SqlGuard =
    options.guard ??
    ((sql, allowedTables, catalog) =>
      guardReadOnlySelect(sql, allowedTables, catalog, { dialect: "redshift" }));
  const connector = createSqlConnector({
    provider: "redshift",
    executor,
    dialect: redshiftDialect,
    guard,
    // Over the wire protocol a second session can pg_cancel_backend; the Data API has its own sessions.
    cancelsFromSecondConnection: "connectionString" in config,
  });
  return withEstimatedRowCounts(connector, executor);
}

/** Wraps `listTables` so the catalog carries the engine's estimated row counts. */
function withEstimatedRowCounts(connector: Connector, executor: SqlExecutor): Connector {
  let version: Promise<string> | null = null;

  const serverVersion = (timeoutMs: number): Promise<string> => {
    version ??= executor.execute(redshiftDialect.versionQuery, [], { timeoutMs, readOnly: false }).then(
      (result) => {
        const value = result.rows[0]?.[0];
        return typeof value === "string" ? value : "";
      },
      (error: unknown) => {
        version = null; // a failed lookup is not remembered
        throw error;
      },
    );
    return version;
  };

  async function estimates(timeoutMs: number): Promise<ExecutedStatement | null> {
    const started = performance.now();
    const query = estimatedRowsQueryFor(await serverVersion(timeoutMs));
    const left = Math.max(1, Math.floor(timeoutMs - (performance.now() - started)));
    try {
      return await executor.execute(query, [], { timeoutMs: left, readOnly: false });
    } catch (error) {
      // A user who may not read the statistics still gets the catalog, with unknown row counts.
      if (isConnectorError(error) && (error.code === "permission" || error.code === "not_found")) return null;
      throw error;
    }
  }

  return {
    ...connector,
    async listTables(options = {}): Promise<Catalog> {
      try {
        const timeoutMs = timeoutOption(options.timeoutMs, CATALOG_TIMEOUT_MS);
        const [catalog, counts] = await Promise.all([
          connector.listTables({ timeoutMs }),
          estimates(timeoutMs),
        ]);
        return counts ? withEstimatedRows(catalog, counts) : catalog;
      } catch (error) {
        throw isConnectorError(error)
          ? error
          : new ConnectorError("internal", "Unexpected connector failure.", { cause: error });
      }
    },
  };
}
