import type { AddressInfo } from "node:net";
import { FaultInjector } from "./http/faults.ts";
import { createLocalCloudServer } from "./http/http-server.ts";
import { neonHttpService } from "./neon/neon-http-service.ts";
import { neonWebSocketProxy } from "./neon/neon-ws-proxy.ts";
import { PostgresBackend } from "./postgres/postgres-backend.ts";
import { rdsDataService } from "./rds-data/rds-data-service.ts";
import { redshiftDataService } from "./redshift-data/redshift-data-service.ts";
import { ResourceRegistry } from "./resources.ts";
import { SecretStore } from "./secrets-manager/secret-store.ts";
import { secretsManagerService } from "./secrets-manager/secrets-manager-service.ts";
import { defaultSettings, type EmulatorSettings } from "./settings.ts";

export interface LocalCloudOptions {
  /** The Postgres server every emulated database lives in (embedded PGlite or a real server). */
  databaseUrl: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where Secrets Manager keeps its secrets; omitted = in memory. */
  secretsFile?: string;
  settings?: Partial<{ [K in keyof EmulatorSettings]: Partial<EmulatorSettings[K]> }>;
}

/** What every emulated service gets: the database, the account's resources and secrets, faults, limits. */
export interface CloudContext {
  backend: PostgresBackend;
  resources: ResourceRegistry;
  secrets: SecretStore;
  faults: FaultInjector;
  settings: EmulatorSettings;
}

export interface LocalCloud extends CloudContext {
  /** Base URL of every service: pass it as the AWS SDK `endpoint` and Neon's fetch endpoint host. */
  url: string;
  endpoints: {
    /** `neonConfig.fetchEndpoint` */
    neonHttp: string;
    /** `neonConfig.wsProxy` as a string (host:port/v1): the driver appends `?address=host:port` */
    neonWebSocketProxy: string;
    rdsData: string;
    redshiftData: string;
    secretsManager: string;
  };
  stop(): Promise<void>;
}

/**
 * Starts the Neon, RDS Data API, Redshift Data API and Secrets Manager emulators on one loopback port,
 * backed by the given Postgres. Use it from tests (`port: 0`) or through `pnpm dev`.
 */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const base = defaultSettings();
  const settings: EmulatorSettings = {
    rdsData: { ...base.rdsData, ...options.settings?.rdsData },
    redshiftData: { ...base.redshiftData, ...options.settings?.redshiftData },
  };
  const backend = new PostgresBackend(options.databaseUrl);
  const context: CloudContext = {
    backend,
    resources: new ResourceRegistry(backend),
    secrets: new SecretStore(options.secretsFile),
    faults: new FaultInjector(),
    settings,
  };
  const rds = rdsDataService(context);
  const redshift = redshiftDataService(context);
  const neonProxy = neonWebSocketProxy(context);
  const server = createLocalCloudServer({
    services: [
      secretsManagerService(context.secrets),
      redshift.service,
      rds.service,
      neonHttpService(context),
    ],
    upgrades: [neonProxy.upgrade],
    faults: context.faults,
  });
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    // A busy port: release the database connections, so a caller can report it and go on.
    await Promise.all([rds.close(), redshift.close(), neonProxy.close()]);
    await context.resources.close();
    await backend.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  return {
    ...context,
    url,
    endpoints: {
      neonHttp: `${url}/sql`,
      neonWebSocketProxy: `${host}:${port}/v1`,
      rdsData: url,
      redshiftData: url,
      secretsManager: url,
    },
    async stop() {
      await Promise.all([rds.close(), redshift.close(), neonProxy.close()]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await context.resources.close();
      await backend.close();
    },
  };
}
