import { PostgresBackend } from "./postgres/postgres-backend.ts";
import { LOCAL_ACCOUNT_ID } from "./secrets-manager/secret-store.ts";

/** An Aurora PostgreSQL cluster reachable through the RDS Data API (its account is in its ARN). */
export interface AuroraCluster {
  resourceArn: string;
  /** Postgres behind this cluster; default: the local cloud's database. */
  databaseUrl?: string | undefined;
}

/** A provisioned Redshift cluster or a Redshift Serverless workgroup, named within its account. */
export interface RedshiftTarget {
  clusterIdentifier?: string | undefined;
  workgroupName?: string | undefined;
  databaseUrl?: string | undefined;
  /** Default: the local account (000000000000). */
  accountId?: string | undefined;
}

/**
 * What exists in the emulated AWS account besides secrets: the clusters and workgroups the Data APIs
 * accept. Requests naming anything else get the error the real service gives for an unknown resource.
 */
export class ResourceRegistry {
  private readonly aurora = new Map<string, AuroraCluster>();
  private readonly redshift: RedshiftTarget[] = [];
  private readonly backends = new Map<string, PostgresBackend>();

  constructor(readonly defaultBackend: PostgresBackend) {}

  addAuroraCluster(cluster: AuroraCluster): void {
    this.aurora.set(cluster.resourceArn, cluster);
  }

  findAuroraCluster(resourceArn: string): AuroraCluster | undefined {
    return this.aurora.get(resourceArn);
  }

  addRedshift(target: RedshiftTarget): void {
    if (!target.clusterIdentifier === !target.workgroupName) {
      throw new Error("a Redshift target needs exactly one of clusterIdentifier or workgroupName");
    }
    this.redshift.push(target);
  }

  /** The cluster or workgroup of that name in `accountId` (undefined: in any account). */
  findRedshift(by: {
    clusterIdentifier?: string | undefined;
    workgroupName?: string | undefined;
    accountId?: string | undefined;
  }): RedshiftTarget | undefined {
    return this.redshift.find(
      (t) =>
        (by.accountId === undefined || (t.accountId ?? LOCAL_ACCOUNT_ID) === by.accountId) &&
        (by.workgroupName
          ? t.workgroupName === by.workgroupName
          : t.clusterIdentifier === by.clusterIdentifier),
    );
  }

  /** The Postgres server behind a resource (one backend, hence one set of pools, per URL). */
  backendFor(resource: { databaseUrl?: string | undefined }): PostgresBackend {
    if (!resource.databaseUrl) return this.defaultBackend;
    let backend = this.backends.get(resource.databaseUrl);
    if (!backend) {
      backend = new PostgresBackend(resource.databaseUrl);
      this.backends.set(resource.databaseUrl, backend);
    }
    return backend;
  }

  async close(): Promise<void> {
    await Promise.all([...this.backends.values()].map((b) => b.close()));
    this.backends.clear();
  }
}
