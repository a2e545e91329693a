import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AwsServiceError } from "../http/aws-error.ts";

export const LOCAL_ACCOUNT_ID = "000000000000";
export const LOCAL_REGION = "us-east-1";

export interface SecretVersion {
  versionId: string;
  secretString?: string | undefined;
  /** base64, as on the wire */
  secretBinary?: string | undefined;
  stages: string[];
  createdDate: number;
  clientRequestToken?: string | undefined;
}

export interface StoredSecret {
  arn: string;
  name: string;
  description?: string | undefined;
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number | undefined;
  deletedDate?: number | undefined;
  versions: SecretVersion[];
  tags: { Key: string; Value: string }[];
}

export const secretNotFound = () =>
  new AwsServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
const epochSeconds = () => Date.now() / 1000;
/** The account a secret belongs to, from its ARN. */
const accountOf = (secret: StoredSecret) => secret.arn.split(":")[4] ?? LOCAL_ACCOUNT_ID;
const keyOf = (secret: StoredSecret) => `${accountOf(secret)}/${secret.name}`;

/**
 * Secrets by name and ARN, optionally persisted to a JSON file (written atomically after every change)
 * so `pnpm dev` keeps organizations' secrets across restarts. Local development only: values are
 * stored in clear text in the project's state folder, like LocalStack does.
 */
export class SecretStore {
  private readonly secrets = new Map<string, StoredSecret>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly filePath?: string) {
    if (filePath && existsSync(filePath)) {
      for (const secret of JSON.parse(readFileSync(filePath, "utf8")) as StoredSecret[]) {
        this.secrets.set(keyOf(secret), secret);
      }
    }
  }

  static arnFor(name: string, region = LOCAL_REGION, accountId = LOCAL_ACCOUNT_ID): string {
    // Real ARNs end in "-" and six random characters.
    const suffix = randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 6);
    return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
  }

  /**
   * Looks a secret up by full ARN or partial ARN (without the random suffix), in whichever account
   * the ARN names, or by name in `accountId` (names are per account).
   */
  find(secretId: string, accountId = LOCAL_ACCOUNT_ID): StoredSecret | undefined {
    const byName = this.secrets.get(`${accountId}/${secretId}`);
    if (byName) return byName;
    for (const secret of this.secrets.values()) {
      if (secret.arn === secretId || secret.arn.slice(0, -7) === secretId) return secret;
    }
    return undefined;
  }

  /** A secret that exists and is not scheduled for deletion. */
  require(secretId: string, accountId = LOCAL_ACCOUNT_ID): StoredSecret {
    const secret = this.find(secretId, accountId);
    if (!secret) throw secretNotFound();
    if (secret.deletedDate !== undefined) {
      throw new AwsServiceError(
        "InvalidRequestException",
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    }
    return secret;
  }

  /** The current value of a secret, as emulated services that take a `secretArn` read it. */
  currentValue(secretId: string): string | undefined {
    const secret = this.find(secretId);
    if (!secret || secret.deletedDate !== undefined) return undefined;
    return secret.versions.find((v) => v.stages.includes("AWSCURRENT"))?.secretString;
  }

  /** Every secret, or one account's. */
  list(accountId?: string): StoredSecret[] {
    return [...this.secrets.values()]
      .filter((secret) => accountId === undefined || accountOf(secret) === accountId)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  create(
    secret: Omit<StoredSecret, "arn" | "createdDate" | "lastChangedDate">,
    region?: string,
    accountId = LOCAL_ACCOUNT_ID,
  ): StoredSecret {
    const now = epochSeconds();
    const stored: StoredSecret = {
      ...secret,
      arn: SecretStore.arnFor(secret.name, region, accountId),
      createdDate: now,
      lastChangedDate: now,
    };
    this.secrets.set(keyOf(stored), stored);
    return stored;
  }

  /** Adds a version and makes it AWSCURRENT; the previous current one becomes AWSPREVIOUS. */
  addVersion(
    secret: StoredSecret,
    value: Pick<SecretVersion, "secretString" | "secretBinary" | "clientRequestToken">,
    stages = ["AWSCURRENT"],
  ) {
    const version: SecretVersion = {
      ...value,
      versionId: value.clientRequestToken ?? randomUUID(),
      stages: [],
      createdDate: epochSeconds(),
    };
    for (const stage of stages) this.moveStage(secret, stage, version);
    secret.versions.push(version);
    // Versions without a stage are deprecated and eventually removed by AWS; keep the list short.
    secret.versions = secret.versions.filter((v) => v.stages.length > 0 || v === version);
    secret.lastChangedDate = epochSeconds();
    return version;
  }

  private moveStage(secret: StoredSecret, stage: string, to: SecretVersion) {
    for (const version of secret.versions) {
      if (!version.stages.includes(stage)) continue;
      version.stages = version.stages.filter((s) => s !== stage);
      if (stage === "AWSCURRENT") {
        for (const v of secret.versions) v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
        version.stages.push("AWSPREVIOUS");
      }
    }
    to.stages.push(stage);
  }

  remove(secret: StoredSecret): void {
    this.secrets.delete(keyOf(secret));
  }

  /** Persists the store; calls are chained so writes never interleave. */
  save(): Promise<void> {
    const filePath = this.filePath;
    if (!filePath) return Promise.resolve();
    const snapshot = JSON.stringify(this.list(), null, 2);
    this.saving = this.saving.then(async () => {
      await mkdir(dirname(filePath), { recursive: true });
      const temporary = `${filePath}.${process.pid}.tmp`;
      await writeFile(temporary, snapshot, { mode: 0o600 });
      await rename(temporary, filePath);
    });
    return this.saving;
  }
}
