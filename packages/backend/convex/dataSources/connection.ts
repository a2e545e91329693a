"use node";

import {
  createConnector,
  isConnectorError,
  parseDataSourceConfig,
  type Connector,
  type DataSourceConfig,
} from "@answerbase/connectors";
import type { NetworkAccess } from "@answerbase/egress";
import type { Infer } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import type { Actor, Operation } from "./actor";
import type { vDataSourceAccess } from "./validators";
import { connectorEnvironment, encryptionKey } from "../lib/env";
import { appError, isAppError } from "../lib/errors";
import { enforceRateLimit, type LimitedOperation } from "../lib/rateLimits";
import { openSecret } from "./secretBox";
import { acquireSharedConnector, retireSharedConnector } from "./sharedConnectors";
import { getTenantSecret } from "./secretsManager";

/*
 * Every use of an organization's database goes through `withConnector`: rate limit, config (from the
 * cache or the secret store), one connector for the unit of work, an audit entry with the outcome and
 * duration, and errors turned into coded ConvexErrors. Node only (drivers).
 */

export type { Actor, Operation };
type DataSourceAccess = Infer<typeof vDataSourceAccess>;

const CACHE_TTL_MS = 5 * 60_000;

/**
 * Decrypted configs by organization, keyed by the document's version: a save bumps the version, a
 * disconnect removes the document, so neither can be served from here afterwards. The TTL bounds how
 * long an out-of-band change in Secrets Manager goes unseen.
 */
const configCache = new Map<string, { version: number; config: DataSourceConfig; loadedAt: number }>();

export function forgetCachedConfig(organizationId: Id<"organizations">) {
  configCache.delete(organizationId);
  retireSharedConnector(organizationId);
}

export interface LoadedDataSource {
  dataSourceId: Id<"dataSources">;
  version: number;
  config: DataSourceConfig;
  /** Read with the document on every call (never cached), so a revoked grant applies at once. */
  network: NetworkAccess;
}

/** The config to connect with; `preloaded` (a turn's lookup context) saves the query. */
async function loadDataSource(
  ctx: ActionCtx,
  organizationId: Id<"organizations">,
  preloaded?: DataSourceAccess | null,
): Promise<LoadedDataSource> {
  const record =
    preloaded !== undefined
      ? preloaded
      : await ctx.runQuery(internal.system.dataSourceRecords.getForAccess, { organizationId });
  if (record === null) {
    forgetCachedConfig(organizationId);
    throw appError("not_configured", "This organization has no database connected yet.");
  }
  const cached = configCache.get(organizationId);
  if (
    cached !== undefined &&
    cached.version === record.version &&
    Date.now() - cached.loadedAt < CACHE_TTL_MS
  ) {
    return {
      dataSourceId: record.dataSourceId,
      version: record.version,
      config: cached.config,
      network: record.network,
    };
  }
  let secretString: string;
  if (record.storage === "secrets_manager") {
    secretString = await getTenantSecret(organizationId);
  } else {
    if (record.sealed === null) {
      throw appError("secret_missing", "The saved connection is missing; connect the database again.");
    }
    secretString = await openSecret(record.sealed, encryptionKey(), organizationId);
  }
  const config = parseStoredConfig(secretString);
  configCache.set(organizationId, { version: record.version, config, loadedAt: Date.now() });
  return { dataSourceId: record.dataSourceId, version: record.version, config, network: record.network };
}

function parseStoredConfig(secretString: string): DataSourceConfig {
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw appError(
      "secret_corrupted",
      "The connection secret is not valid JSON; connect the database again.",
    );
  }
  try {
    return parseDataSourceConfig(json);
  } catch (error) {
    const detail = isConnectorError(error) ? ` (${error.message})` : "";
    throw appError(
      "secret_corrupted",
      `The connection secret is not a valid configuration${detail}; connect the database again.`,
    );
  }
}

/** How long a lookup may plan on the catalog the connector read before (see cachedCatalog). */
export const CATALOG_MAX_AGE_MS = 60_000;

/**
 * The catalog for planning: the organization's shared connector keeps the one cached copy (per
 * config version, since the shared connector is), reused for a minute; a table missing from it makes
 * the connector read it again at once, and a table dropped meanwhile surfaces as the statement's own
 * not_found.
 */
export async function cachedCatalog(connector: Connector) {
  const { tables } = await connector.listTables({ timeoutMs: 10_000, maxAgeMs: CATALOG_MAX_AGE_MS });
  return tables;
}

export interface Access {
  organizationId: Id<"organizations">;
  actor: Actor;
  operation: Operation;
  table?: string;
  rateLimit?: LimitedOperation;
  /** The data source as already read with the turn's lookup context (lookup/context.ts). */
  preloaded?: DataSourceAccess | null;
}

/**
 * Reads that may share the organization's connector (and its pool). A connection test, a save or a
 * disconnect gets a fresh one: a test must really connect, and the others change the config.
 */
const SHARED_OPERATIONS = new Set<Operation>([
  "lookup",
  "ingest",
  "preview_rows",
  "list_tables",
  "health_check",
  "sql_console",
  "sql_console_cancel",
  "sql_export",
]);

/**
 * Reading the catalog (table and column names, no rows) happens on every Database page view: recording
 * each one buried the accesses an admin looks for. A listing that fails is still recorded, since it
 * says the database could not be reached.
 */
const AUDITED_ONLY_WHEN_FAILING = new Set<Operation>(["list_tables"]);

/** What `work` did: its result, and for the audit the rows read and the table(s) that served them. */
export interface ConnectorWork<T> {
  result: T;
  rowCount?: number;
  /** Known only once the work ran (a lookup picks its tables from the question); else `access.table`. */
  table?: string;
}

/** Runs `work` with a connector for the organization's database, then audits it. */
export async function withConnector<T>(
  ctx: ActionCtx,
  access: Access,
  work: (connector: Connector, dataSource: LoadedDataSource) => Promise<ConnectorWork<T>>,
): Promise<T> {
  if (access.rateLimit !== undefined) await enforceRateLimit(ctx, access.rateLimit, access.organizationId);
  const started = performance.now();
  let release: (() => Promise<void> | void) | undefined;
  try {
    const dataSource = await loadDataSource(ctx, access.organizationId, access.preloaded);
    let connector: Connector;
    if (SHARED_OPERATIONS.has(access.operation)) {
      const { version, config, network } = dataSource;
      const shared = acquireSharedConnector(access.organizationId, version, config, network);
      connector = shared.connector;
      release = shared.release;
    } else {
      const fresh = createConnector(
        dataSource.config,
        connectorEnvironment(dataSource.network, access.organizationId),
      );
      connector = fresh;
      release = () => fresh.close();
    }
    const { result, rowCount, table } = await work(connector, dataSource);
    if (!AUDITED_ONLY_WHEN_FAILING.has(access.operation)) {
      await audit(ctx, { ...access, table: table ?? access.table }, started, { kind: "ok" }, rowCount);
    }
    return result;
  } catch (error) {
    const coded = toAppError(error);
    await audit(ctx, access, started, { kind: "error", code: coded.data.code });
    throw coded;
  } finally {
    await release?.();
  }
}

async function audit(
  ctx: ActionCtx,
  access: Access,
  started: number,
  outcome: { kind: "ok" } | { kind: "error"; code: string },
  rowCount?: number,
) {
  await ctx.runMutation(internal.system.audit.record, {
    organizationId: access.organizationId,
    actor: access.actor,
    operation: access.operation,
    ...(access.table === undefined ? {} : { table: access.table }),
    ...(rowCount === undefined ? {} : { rowCount }),
    durationMs: Math.round(performance.now() - started),
    outcome,
  });
}

/** Connector errors keep their code; anything unexpected is logged with its cause and reported as internal. */
export function toAppError(error: unknown) {
  if (isAppError(error)) return error;
  if (isConnectorError(error)) {
    return appError(error.code, error.message, {
      retryable: error.retryable,
      ...(error.fields === undefined ? {} : { fields: error.fields }),
      ...(error.sqlState === undefined ? {} : { sqlState: error.sqlState }),
      ...(error.position === undefined ? {} : { position: error.position }),
    });
  }
  console.error("Unexpected data source failure", error);
  return appError("internal", "Something went wrong while reaching the database; the error was logged.");
}
