import { AwsServiceError } from "../http/aws-error.ts";

/**
 * A role's trust policy (AssumeRolePolicyDocument), as far as the local cloud evaluates it: Allow and
 * Deny statements on `sts:AssumeRole`, AWS principals (an account id, `arn:aws:iam::<account>:root`,
 * an exact user or role ARN, or `*`) and `StringEquals` / `StringLike` conditions on `sts:ExternalId`.
 * Anything else is refused when the role is created (MalformedPolicyDocument naming what is not
 * emulated), so a policy is never silently read as more permissive than it is.
 */
export interface TrustStatement {
  effect: "Allow" | "Deny";
  /** `*`, or account ids and principal ARNs. */
  principals: string[];
  actions: string[];
  /** Every entry must hold: `sts:ExternalId` compared with one of `values`. */
  conditions: { operator: "StringEquals" | "StringLike"; values: string[] }[];
}

export interface TrustPolicy {
  document: string;
  statements: TrustStatement[];
}

/** Who asks to assume a role. */
export interface AssumingPrincipal {
  accountId: string;
  arn: string;
}

const malformed = (message: string) => new AwsServiceError("MalformedPolicyDocument", message, 400);

const list = (value: unknown, what: string): string[] => {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw malformed(`${what} must be a string or a list of strings`);
};

export function parseTrustPolicy(document: string): TrustPolicy {
  let json: unknown;
  try {
    json = JSON.parse(document);
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  const raw = (json as { Statement?: unknown } | null)?.Statement;
  if (raw === undefined) throw malformed("Policy document must contain a Statement");
  const statements = (Array.isArray(raw) ? raw : [raw]).map((entry): TrustStatement => {
    const statement = entry as Record<string, unknown>;
    if (statement.Effect !== "Allow" && statement.Effect !== "Deny")
      throw malformed("Effect must be Allow or Deny");
    const principal = statement.Principal;
    let principals: string[];
    if (principal === "*") principals = ["*"];
    else if (typeof principal === "object" && principal !== null && "AWS" in principal)
      principals = list(principal.AWS, "Principal.AWS");
    else throw malformed('the local cloud emulates only AWS principals (Principal: {"AWS": …} or "*")');
    const conditions: TrustStatement["conditions"] = [];
    for (const [operator, keys] of Object.entries((statement.Condition ?? {}) as Record<string, unknown>)) {
      if (operator !== "StringEquals" && operator !== "StringLike")
        throw malformed(`condition operator ${operator} is not emulated (StringEquals and StringLike are)`);
      for (const [key, values] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
        if (key.toLowerCase() !== "sts:externalid")
          throw malformed(`condition key ${key} is not emulated (sts:ExternalId is)`);
        conditions.push({ operator, values: list(values, `Condition.${operator}.${key}`) });
      }
    }
    return { effect: statement.Effect, principals, actions: list(statement.Action, "Action"), conditions };
  });
  return { document, statements };
}

/** The trust policy AWS documents for a third party: one account may assume the role with one external id. */
export function externalIdTrustPolicy(trustedAccountId: string, externalIds: string[] | "*"): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${trustedAccountId}:root` },
        Action: "sts:AssumeRole",
        Condition:
          externalIds === "*"
            ? { StringLike: { "sts:ExternalId": "*" } }
            : { StringEquals: { "sts:ExternalId": externalIds } },
      },
    ],
  });
}

/** True when `principal` may assume the role with `externalId` (explicit Deny wins, default deny). */
export function trustAllows(policy: TrustPolicy, principal: AssumingPrincipal, externalId?: string): boolean {
  const applies = (statement: TrustStatement) =>
    statement.actions.some((action) => ["sts:AssumeRole", "sts:*", "*"].includes(action)) &&
    statement.principals.some((p) => principalMatches(p, principal)) &&
    statement.conditions.every(
      (condition) =>
        externalId !== undefined &&
        condition.values.some((value) =>
          condition.operator === "StringEquals" ? value === externalId : globMatches(value, externalId),
        ),
    );
  if (policy.statements.some((s) => s.effect === "Deny" && applies(s))) return false;
  return policy.statements.some((s) => s.effect === "Allow" && applies(s));
}

function principalMatches(pattern: string, principal: AssumingPrincipal): boolean {
  if (pattern === "*") return true;
  if (/^\d{12}$/.test(pattern)) return pattern === principal.accountId;
  if (pattern === `arn:aws:iam::${principal.accountId}:root`) return true;
  return pattern === principal.arn;
}

function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "s").test(value);
}
