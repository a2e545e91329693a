export type * from "./core/connector.ts";
export { createConnector } from "./create-connector.ts";
export {
  parseDataSourceConfig,
  summarizeDataSource,
  DATA_SOURCE_PROVIDERS,
  type DataSourceConfig,
  type DataSourceProvider,
  type DataSourceSummary,
  type NeonConfig,
  type PostgresConfig,
  type AuroraDataApiConfig,
  type RedshiftConfig,
} from "./core/config.ts";
export {
  ConnectorError,
  isConnectorError,
  CONNECTOR_ERROR_CODES,
  type ConnectorErrorCode,
} from "./core/errors.ts";
export type { JsonValue, BytesSummary } from "./core/values.ts";
export type { ConnectorEnvironment } from "./environment.ts";
export {
  insertPostgresRow,
  insertStatement,
  type RowInsert,
  type InsertedRow,
} from "./postgres/postgres-row-insert.ts";
