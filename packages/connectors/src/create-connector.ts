import { createAuroraDataApiConnector } from "./aurora-data-api/aurora-data-api-connector.ts";
import type { Connector } from "./core/connector.ts";
import { parseDataSourceConfig } from "./core/config.ts";
import type { ConnectorEnvironment } from "./environment.ts";
import { createNeonConnector } from "./neon/neon-connector.ts";
import { createPostgresConnector } from "./postgres/postgres-connector.ts";
import { createRedshiftConnector } from "./redshift/redshift-connector.ts";

/**
 * The connector for a data source config (validated here first: a bad config fails with
 * `invalid_config` before any network call). Reuse the instance within a unit of work; `close()` it.
 */
export function createConnector(config: unknown, environment: ConnectorEnvironment = {}): Connector {
  const valid = parseDataSourceConfig(config);
  switch (valid.provider) {
    case "neon":
      return createNeonConnector(valid, environment);
    case "postgres":
      return createPostgresConnector(valid, { network: environment.network });
    case "aurora_data_api":
      return createAuroraDataApiConnector(valid, environment);
    case "redshift":
      return createRedshiftConnector(valid, environment);
  }
}
