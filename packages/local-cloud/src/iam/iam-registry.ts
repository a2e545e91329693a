import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { AwsServiceError } from "../http/aws-error.ts";
import { LOCAL_ACCOUNT_ID } from "../secrets-manager/secret-store.ts";
import { sessionTokenOf, signatureScope } from "./sigv4.ts";
import { parseTrustPolicy, trustAllows, type TrustPolicy } from "./trust-policy.ts";

/**
 * The platform's own identity in the local cloud: what `pnpm dev` and the tests give the backend as
 * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`. It has the policy a deployment should give the
 * platform's IAM user or role: `sts:AssumeRole`, and Secrets Manager on `tenant/*` names only.
 */
export const LOCAL_PLATFORM = {
  accountId: LOCAL_ACCOUNT_ID,
  arn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:user/answerbase-platform`,
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
} as const;

/** Who signed a request, from its SigV4 access key id. */
export type Caller =
  /** A key this cloud neither issued nor registered: any access, as before IAM was emulated (emulator tests, tools). */
  | { kind: "administrator"; accountId: string; arn: string }
  | { kind: "platform"; accountId: string; arn: string }
  /** An account's own (root) credentials, e.g. a tenant creating a role in its account. */
  | { kind: "account"; accountId: string; arn: string }
  /** Temporary credentials from AssumeRole: the role's account only. */
  | { kind: "role-session"; accountId: string; arn: string; roleArn: string };

export interface Role {
  accountId: string;
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  description?: string | undefined;
  maxSessionDuration: number;
  createDate: Date;
  trust: TrustPolicy;
}

export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  role: Role;
  sessionName: string;
  externalId?: string | undefined;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  arn: string;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

const randomId = (prefix: string, length: number) =>
  prefix + [...randomBytes(length)].map((b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[b % 32]).join("");

/** The account id inside an ARN (`arn:aws:<service>:<region>:<account>:…`), or undefined. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Accounts, roles and the temporary credentials AssumeRole issued. `callerOf` tells who signed a
 * request; `authorize` answers AccessDeniedException the way the real services word it. Roles'
 * permission policies are not emulated: an assumed role may use every emulated service on its own
 * account's resources, and nothing in another account.
 */
export class IamRegistry {
  private readonly accounts = new Map<string, { accessKeyId: string; secretAccessKey: string }>();
  private readonly roles = new Map<string, Role>();
  private readonly sessions = new Map<string, RoleSession>();

  /** The account's root credentials (created on first call; `credentials` fixes them, e.g. the demo's). */
  account(
    accountId: string,
    credentials?: { accessKeyId: string; secretAccessKey: string },
  ): { accountId: string; accessKeyId: string; secretAccessKey: string } {
    if (!/^\d{12}$/.test(accountId)) throw new Error(`an AWS account id has 12 digits, got "${accountId}"`);
    let keys = this.accounts.get(accountId);
    if (!keys) {
      keys = credentials ?? {
        accessKeyId: randomId("AKIA", 16),
        secretAccessKey: randomBytes(30).toString("base64"),
      };
      this.accounts.set(accountId, keys);
    }
    return { accountId, ...keys };
  }

  /** A new account with random 12-digit id and root credentials. */
  createAccount(): { accountId: string; accessKeyId: string; secretAccessKey: string } {
    for (;;) {
      const accountId = String(100_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 900_000_000_000));
      if (!this.accounts.has(accountId) && accountId !== LOCAL_ACCOUNT_ID) return this.account(accountId);
    }
  }

  /** Creates or replaces a role (the in-process equivalent of CreateRole + UpdateAssumeRolePolicy). */
  putRole(input: {
    accountId: string;
    roleName: string;
    trustPolicy: string;
    path?: string | undefined;
    description?: string | undefined;
    maxSessionDuration?: number | undefined;
  }): Role {
    const path = input.path ?? "/";
    const arn = `arn:aws:iam::${input.accountId}:role${path}${input.roleName}`;
    const existing = this.findRole(input.accountId, input.roleName);
    const role: Role = {
      accountId: input.accountId,
      roleName: input.roleName,
      roleId: existing?.roleId ?? randomId("AROA", 16),
      arn,
      path,
      description: input.description,
      maxSessionDuration: input.maxSessionDuration ?? 3600,
      createDate: existing?.createDate ?? new Date(),
      trust: parseTrustPolicy(input.trustPolicy),
    };
    if (existing) this.roles.delete(existing.arn);
    this.roles.set(arn, role);
    return role;
  }

  findRole(accountId: string, roleName: string): Role | undefined {
    for (const role of this.roles.values())
      if (role.accountId === accountId && role.roleName === roleName) return role;
    return undefined;
  }

  roleByArn(roleArn: string): Role | undefined {
    const match = ROLE_ARN.exec(roleArn);
    return match ? this.findRole(match[1]!, match[2]!) : undefined;
  }

  deleteRole(role: Role): void {
    this.roles.delete(role.arn);
    for (const [key, session] of this.sessions) if (session.role === role) this.sessions.delete(key);
  }

  /** How many sessions of this role are live (tests check that connectors reuse theirs). */
  sessionsOf(roleArn: string): RoleSession[] {
    return [...this.sessions.values()].filter((s) => s.role.arn === roleArn);
  }

  /** STS AssumeRole after the caller's policy and the role's trust policy allowed it. */
  assumeRole(
    caller: Caller,
    input: { roleArn: string; sessionName: string; externalId?: string | undefined; durationSeconds: number },
  ): RoleSession {
    if (!ROLE_ARN.test(input.roleArn))
      throw new AwsServiceError("ValidationError", `${input.roleArn} is invalid`, 400);
    const role = this.roleByArn(input.roleArn);
    const denied = () =>
      new AwsServiceError(
        "AccessDenied",
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.roleArn}`,
        403,
      );
    if (caller.kind === "role-session" || !role) throw denied();
    if (!trustAllows(role.trust, caller, input.externalId)) throw denied();
    if (input.durationSeconds > role.maxSessionDuration) {
      throw new AwsServiceError(
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
        400,
      );
    }
    const now = Date.now();
    for (const [key, session] of this.sessions)
      if (session.expiration.getTime() < now) this.sessions.delete(key);
    const session: RoleSession = {
      accessKeyId: randomId("ASIA", 16),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(48).toString("base64"),
      // Whole seconds, as STS reports them.
      expiration: new Date(Math.floor(now / 1000) * 1000 + input.durationSeconds * 1000),
      role,
      sessionName: input.sessionName,
      externalId: input.externalId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${input.sessionName}`,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /**
   * Who signed the request. Temporary credentials must be live and come with their session token
   * (`UnrecognizedClientException` / `ExpiredTokenException` otherwise, as the services answer).
   */
  callerOf(headers: IncomingHttpHeaders): Caller {
    const accessKeyId = signatureScope(headers)?.accessKeyId;
    if (accessKeyId === LOCAL_PLATFORM.credentials.accessKeyId)
      return { kind: "platform", accountId: LOCAL_PLATFORM.accountId, arn: LOCAL_PLATFORM.arn };
    for (const [accountId, keys] of this.accounts) {
      if (keys.accessKeyId === accessKeyId)
        return { kind: "account", accountId, arn: `arn:aws:iam::${accountId}:root` };
    }
    if (accessKeyId?.startsWith("ASIA")) {
      const session = this.sessions.get(accessKeyId);
      if (!session || session.sessionToken !== sessionTokenOf(headers)) {
        throw new AwsServiceError(
          "UnrecognizedClientException",
          "The security token included in the request is invalid.",
          403,
        );
      }
      if (session.expiration.getTime() <= Date.now()) {
        throw new AwsServiceError(
          "ExpiredTokenException",
          "The security token included in the request is expired",
          403,
        );
      }
      return {
        kind: "role-session",
        accountId: session.role.accountId,
        arn: session.arn,
        roleArn: session.role.arn,
      };
    }
    return {
      kind: "administrator",
      accountId: LOCAL_ACCOUNT_ID,
      arn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:root`,
    };
  }

  /**
   * Throws AccessDeniedException unless `caller` may do `action` (`rds-data:ExecuteStatement`, …) on
   * `resourceArn`. The platform may only assume roles and use Secrets Manager on `tenant/*` names in
   * its own account; accounts and role sessions only their own account's resources.
   */
  authorize(caller: Caller, action: string, resourceArn: string, status = 403): void {
    if (caller.kind === "administrator") return;
    const account = accountOfArn(resourceArn);
    let allowed: boolean;
    if (caller.kind === "platform") {
      allowed =
        action === "sts:AssumeRole" ||
        (action.startsWith("secretsmanager:") &&
          account === caller.accountId &&
          (resourceArn.split(":secret:")[1] ?? "").startsWith("tenant/"));
    } else {
      allowed = account === caller.accountId && (caller.kind === "account" || !action.startsWith("iam:"));
    }
    if (allowed) return;
    const why =
      account !== undefined && account !== caller.accountId && caller.kind !== "platform"
        ? "no resource-based policy allows"
        : "no identity-based policy allows";
    throw new AwsServiceError(
      "AccessDeniedException",
      `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resourceArn} because ${why} the ${action} action`,
      status,
    );
  }

  /** The account a name (a workgroup, a secret name) is looked up in; undefined = any (administrator). */
  static lookupAccount(caller: Caller): string | undefined {
    return caller.kind === "administrator" ? undefined : caller.accountId;
  }
}
