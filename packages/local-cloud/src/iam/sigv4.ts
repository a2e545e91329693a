import type { IncomingHttpHeaders } from "node:http";

/** What a SigV4 `Authorization` header says about its signer (the signature itself is not checked). */
export interface SignatureScope {
  accessKeyId: string;
  region: string;
  /** The credential scope's service: `sts`, `iam`, `rds-data`, `redshift-data`, `secretsmanager`. */
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=…, Signature=…`. */
export function signatureScope(headers: IncomingHttpHeaders): SignatureScope | undefined {
  const header = headers.authorization;
  if (typeof header !== "string" || !header.startsWith("AWS4-HMAC-SHA256")) return undefined;
  const match = CREDENTIAL.exec(header);
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

/** The session token a request carries (temporary credentials send it as `X-Amz-Security-Token`). */
export function sessionTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const token = headers["x-amz-security-token"];
  return typeof token === "string" && token !== "" ? token : undefined;
}
