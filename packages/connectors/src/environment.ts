import type { NetworkAccess } from "@answerbase/egress";

/**
 * Where connectors find the services: production leaves everything unset (real AWS and Neon
 * endpoints, credentials from the default AWS chain); development and tests point them at the local
 * cloud. This is platform configuration, never a tenant's secret.
 */
export interface ConnectorEnvironment {
  /**
   * What this organization's connections may reach (`@answerbase/egress`): unset = the public
   * internet only, every tenant's default; `private_networks` is an operator's grant.
   */
  network?: NetworkAccess | undefined;
  /**
   * Whose connection this is. The Data API connectors assume the organization's IAM role with
   * `ExternalId` = `organizationId` (required by them; the others ignore it).
   */
  tenant?: { organizationId: string } | undefined;
  aws?: {
    /**
     * e.g. the local cloud's URL; unset = the real regional endpoint. `credentials` are the
     * platform's: they only sign STS AssumeRole (and, in the backend, the platform's own secrets).
     */
    endpoint?: string | undefined;
    region?: string | undefined;
    credentials?:
      { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
  };
  neon?: {
    /** `neonConfig.fetchEndpoint` for HTTP queries; unset = Neon's. */
    fetchEndpoint?: string | undefined;
    /** `neonConfig.wsProxy` (string form, the driver appends `?address=host:port`); unset = Neon's. */
    wsProxy?: string | undefined;
    /** false only for a local proxy without TLS. */
    useSecureWebSocket?: boolean | undefined;
  };
}
