"use node";

import { createConnector, type Connector, type DataSourceConfig } from "@answerbase/connectors";
import type { NetworkAccess } from "@answerbase/egress";
import { connectorEnvironment } from "../lib/env";

/*
 * Connectors reused across calls in this runtime, one per organization and config version. Each has a
 * small pool (4 connections for Postgres), so 50 contacts asking at once queue on it instead of each
 * lookup opening its own pool and running the organization's server out of connections (measured by
 * `pnpm bench retrieval`: "too many clients" at 50 contacts). A new config version or a disconnect
 * retires the old connector (closed once its last user is done); idle ones close after a minute.
 */

const IDLE_CLOSE_MS = 60_000;

interface Entry {
  version: number;
  /** The config itself, compared too: ids and versions can repeat across test deployments in one process. */
  configKey: string;
  connector: Connector;
  users: number;
  lastUsed: number;
  retired: boolean;
}

const entries = new Map<string, Entry>();
/** Connectors created in this process: stays put in steady state (bench/retrieval-measure.ts reads it). */
let opened = 0;

/** How many shared connectors this process has created, and the one `organizationId` uses now. */
export function sharedConnectorState(organizationId: string): {
  opened: number;
  current: Connector | undefined;
} {
  return { opened, current: entries.get(organizationId)?.connector };
}

function closeWhenUnused(entry: Entry): void {
  if (entry.users === 0) void entry.connector.close().catch(() => undefined);
}

function retire(key: string): void {
  const entry = entries.get(key);
  if (entry === undefined) return;
  entries.delete(key);
  entry.retired = true;
  closeWhenUnused(entry);
}

/** Forget the organization's connector (its config changed or was removed). */
export function retireSharedConnector(organizationId: string): void {
  retire(organizationId);
}

function closeIdle(now: number): void {
  for (const [key, entry] of entries) {
    if (entry.users === 0 && now - entry.lastUsed > IDLE_CLOSE_MS) retire(key);
  }
}

/**
 * A connector for `organizationId` at `version`, reaching what `network` allows, and the release to
 * call when the work is done.
 */
export function acquireSharedConnector(
  organizationId: string,
  version: number,
  config: DataSourceConfig,
  network: NetworkAccess = "public_internet",
): { connector: Connector; release: () => void } {
  const now = Date.now();
  closeIdle(now);
  // The grant is part of the key: a revoked grant must not keep a connector that may reach more.
  const configKey = JSON.stringify([config, network]);
  let entry = entries.get(organizationId);
  if (entry !== undefined && (entry.version !== version || entry.configKey !== configKey)) {
    retire(organizationId);
    entry = undefined;
  }
  if (entry === undefined) {
    opened += 1;
    entry = {
      version,
      configKey,
      connector: createConnector(config, connectorEnvironment(network, organizationId)),
      users: 0,
      lastUsed: now,
      retired: false,
    };
    entries.set(organizationId, entry);
  }
  const acquired = entry;
  acquired.users += 1;
  let released = false;
  return {
    connector: acquired.connector,
    release: () => {
      if (released) return;
      released = true;
      acquired.users -= 1;
      acquired.lastUsed = Date.now();
      if (acquired.retired) closeWhenUnused(acquired);
    },
  };
}
