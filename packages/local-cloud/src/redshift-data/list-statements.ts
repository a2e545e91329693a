import type { JsonInput } from "../http/aws-json-service.ts";
import { validationError } from "./errors.ts";
import { optionalBoolean, optionalEnum, optionalInteger, optionalString } from "./input-reader.ts";
import type { Statement } from "./statement-store.ts";
import { statementData } from "./statement-views.ts";

const STATUSES = ["SUBMITTED", "PICKED", "STARTED", "FINISHED", "ABORTED", "FAILED", "ALL"] as const;

/**
 * ListStatements: newest first, filtered by status, statement-name prefix, cluster or workgroup and
 * database, paged by MaxResults (default and maximum 100) with an opaque NextToken.
 */
export function listStatements(newestFirst: Statement[], input: JsonInput) {
  const status = optionalEnum(input, "Status", STATUSES) ?? "ALL";
  const namePrefix = optionalString(input, "StatementName", 500);
  const clusterIdentifier = optionalString(input, "ClusterIdentifier");
  const workgroupName = optionalString(input, "WorkgroupName");
  const database = optionalString(input, "Database");
  const maxResults = optionalInteger(input, "MaxResults", 0, 100) || 100;
  // Statements are listed per IAM role or user; the emulator has one identity, so both levels match.
  optionalBoolean(input, "RoleLevel");
  if (clusterIdentifier !== undefined && workgroupName !== undefined) {
    throw validationError("Only one of ClusterIdentifier or WorkgroupName can be specified, not both.");
  }
  if (database !== undefined && clusterIdentifier === undefined && workgroupName === undefined) {
    throw validationError("Database can only be specified together with ClusterIdentifier or WorkgroupName.");
  }
  const matching = newestFirst.filter(
    (statement) =>
      (status === "ALL" || statement.status === status) &&
      (namePrefix === undefined || statement.statementName?.startsWith(namePrefix)) &&
      (clusterIdentifier === undefined || statement.clusterIdentifier === clusterIdentifier) &&
      (workgroupName === undefined || statement.workgroupName === workgroupName) &&
      (database === undefined || statement.database === database),
  );
  const start = startAfterToken(optionalString(input, "NextToken"), matching);
  const page = matching.slice(start, start + maxResults);
  const last = page.at(-1);
  return {
    Statements: page.map(statementData),
    NextToken:
      last && start + page.length < matching.length
        ? Buffer.from(JSON.stringify({ after: last.id })).toString("base64url")
        : undefined,
  };
}

/** The token names the last statement listed, so statements created meanwhile do not shift pages. */
function startAfterToken(token: string | undefined, matching: Statement[]): number {
  if (token === undefined) return 0;
  try {
    const { after } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { after?: unknown };
    const index = matching.findIndex((statement) => statement.id === after);
    if (index !== -1) return index + 1;
  } catch {
    // Reported below.
  }
  throw validationError("Invalid NextToken.");
}
