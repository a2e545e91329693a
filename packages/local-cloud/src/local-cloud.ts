import type { AddressInfo } from "node:net";
import type { JsonResponse } from "./http/aws-error.ts";
import { FaultInjector } from "./http/faults.ts";
import { createLocalCloudServer, type ServiceRequest } from "./http/http-server.ts";
import { IamRegistry } from "./iam/iam-registry.ts";
import { iamService } from "./iam/iam-service.ts";
import { stsService } from "./iam/sts-service.ts";
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

/** What every emulated service gets: the database, the accounts' resources, secrets and IAM, faults, limits. */
export interface CloudContext {
  backend: PostgresBackend;
  resources: ResourceRegistry;
  secrets: SecretStore;
  /** Accounts, roles and AssumeRole sessions; who signed each request. */
  iam: IamRegistry;
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
 * Starts the Neon, RDS Data API, Redshift Data API, Secrets Manager, STS and IAM emulators on one
 * loopback port, backed by the given Postgres. Use it from tests (`port: 0`) or through `pnpm dev`.
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
    iam: new IamRegistry(),
    faults: new FaultInjector(),
    settings,
  };
  const rds = rdsDataService(context);
  const redshift = redshiftDataService(context);
  const neonProxy = neonWebSocketProxy(context);
  const server = createLocalCloudServer({
    services: [
      stsService(context.iam),
      iamService(context.iam),
      secretsManagerService(context.secrets, context.iam),
      redshift.service,
      rds.service,
      neonHttpService(context),
    ],
    upgrades: [neonProxy.upgrade],
    faults: context.faults,
    admin: { "/__iam/accounts": (request) => createAccountRoute(context.iam, request) },
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

/**
 * `POST /__iam/accounts` (`{"accountId"?: "<12 digits>"}`): an account's root credentials (created on
 * first use), so a tool outside this process can act as a tenant in its own account (IAM CreateRole).
 */
function createAccountRoute(iam: IamRegistry, request: ServiceRequest): JsonResponse {
  if (request.method !== "POST") return { status: 405, body: { message: "POST only" } };
  try {
    const { accountId } = request.json() as { accountId?: unknown };
    if (accountId !== undefined && typeof accountId !== "string")
      throw new Error("accountId must be a string");
    return { status: 200, body: accountId === undefined ? iam.createAccount() : iam.account(accountId) };
  } catch (error) {
    return { status: 400, body: { message: (error as Error).message } };
  }
}
