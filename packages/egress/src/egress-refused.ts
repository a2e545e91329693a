/**
 * The one answer for every refused target: the same code and message whatever the host, port or
 * range, so a tenant cannot tell a closed port from an open one, or one private range from another.
 * `host` and `range` are kept for the platform's own logs, never put in the message.
 */
export const EGRESS_REFUSED_MESSAGE =
  "Answerbase cannot connect to this address: it is not on the public internet. Use the service's " +
  "public address; a database in a private network needs the Answerbase operator to allow private " +
  "networks for this organization.";

export class EgressRefusedError extends Error {
  readonly code = "forbidden_network";
  readonly host: string;
  readonly range: string;

  constructor(host: string, range: string) {
    super(EGRESS_REFUSED_MESSAGE);
    this.name = "EgressRefusedError";
    this.host = host;
    this.range = range;
  }
}

export function isEgressRefused(error: unknown): error is EgressRefusedError {
  if (error instanceof EgressRefusedError) return true;
  // Drivers wrap socket errors (AggregateError for happy eyeballs) or copy them across realms.
  if (error instanceof AggregateError && error.errors.some(isEgressRefused)) return true;
  // fetch reports a failed connection as TypeError("fetch failed", {cause}).
  if (error instanceof Error && error.cause !== undefined && isEgressRefused(error.cause)) return true;
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "EgressRefusedError" &&
    (error as { code?: unknown }).code === "forbidden_network"
  );
}
