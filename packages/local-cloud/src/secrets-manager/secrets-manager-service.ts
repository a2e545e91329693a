import { AwsServiceError } from "../http/aws-error.ts";
import { awsJsonService, fieldReader, type JsonInput } from "../http/aws-json-service.ts";
import type { HttpService, ServiceRequest } from "../http/http-server.ts";
import type { IamRegistry } from "../iam/iam-registry.ts";
import {
  LOCAL_REGION,
  secretNotFound,
  type SecretStore,
  type SecretVersion,
  type StoredSecret,
} from "./secret-store.ts";

const field = fieldReader("InvalidParameterException");
const DAY_SECONDS = 86_400;

/**
 * AWS Secrets Manager (awsJson1_1, `X-Amz-Target: secretsmanager.<Operation>`). Names are per
 * account: the signer's (IamRegistry.callerOf); an ARN names its own account, and the signer must be
 * allowed there (`AccessDeniedException` otherwise).
 */
export function secretsManagerService(store: SecretStore, iam: IamRegistry): HttpService {
  const saved = async <T>(output: T): Promise<T> => {
    await store.save();
    return output;
  };

  /** The account `secretId` is looked up in, once the signer may do `action` on it. */
  const accountFor = (request: ServiceRequest, action: string, secretId: string): string => {
    const caller = iam.callerOf(request.headers);
    const resource =
      store.find(secretId, caller.accountId)?.arn ??
      (secretId.startsWith("arn:")
        ? secretId
        : `arn:aws:secretsmanager:${LOCAL_REGION}:${caller.accountId}:secret:${secretId}`);
    iam.authorize(caller, `secretsmanager:${action}`, resource, 400);
    return caller.accountId;
  };

  /**
   * The secret `SecretId` names, once the signer may do `action` on it. Only the operations that
   * describe, delete or restore a secret reach one scheduled for deletion.
   */
  const secretNamed = (
    input: JsonInput,
    request: ServiceRequest,
    action: string,
    { orScheduledForDeletion = false } = {},
  ): StoredSecret => {
    const secretId = field.string(input, "SecretId");
    const accountId = accountFor(request, action, secretId);
    if (!orScheduledForDeletion) return store.require(secretId, accountId);
    const secret = store.find(secretId, accountId);
    if (!secret) throw secretNotFound();
    return secret;
  };

  return awsJsonService("secrets-manager", "secretsmanager", {
    CreateSecret(input, request) {
      const name = field.string(input, "Name");
      const accountId = accountFor(request, "CreateSecret", name);
      if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
        throw new AwsServiceError(
          "InvalidParameterException",
          `Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!`,
        );
      }
      const existing = store.find(name, accountId);
      if (existing?.deletedDate !== undefined) {
        throw new AwsServiceError(
          "InvalidRequestException",
          "You can't create this secret because a secret with this name is already scheduled for deletion.",
        );
      }
      if (existing)
        throw new AwsServiceError(
          "ResourceExistsException",
          `The operation failed because the secret ${name} already exists.`,
        );
      const value = readValue(input, false);
      const secret = store.create(
        {
          name,
          description: field.optionalString(input, "Description"),
          versions: [],
          tags: Array.isArray(input.Tags) ? (input.Tags as StoredSecret["tags"]) : [],
        },
        LOCAL_REGION,
        accountId,
      );
      const version = value ? store.addVersion(secret, value) : undefined;
      return saved({ ARN: secret.arn, Name: secret.name, VersionId: version?.versionId });
    },

    PutSecretValue(input, request) {
      const secret = secretNamed(input, request, "PutSecretValue");
      const value = readValue(input, true)!;
      const repeat =
        value.clientRequestToken && secret.versions.find((v) => v.versionId === value.clientRequestToken);
      if (repeat) {
        // Same token: idempotent retry when the value matches, a conflict otherwise (as AWS does).
        if (repeat.secretString !== value.secretString || repeat.secretBinary !== value.secretBinary) {
          throw new AwsServiceError(
            "ResourceExistsException",
            `You can't modify an existing version, you can only create a new version.`,
          );
        }
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: repeat.versionId,
          VersionStages: repeat.stages,
        };
      }
      const stages = Array.isArray(input.VersionStages) ? (input.VersionStages as string[]) : undefined;
      const version = store.addVersion(secret, value, stages);
      return saved({
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.versionId,
        VersionStages: version.stages,
      });
    },

    UpdateSecret(input, request) {
      const secret = secretNamed(input, request, "UpdateSecret");
      const description = field.optionalString(input, "Description");
      if (description !== undefined) secret.description = description;
      const value = readValue(input, false);
      const version = value ? store.addVersion(secret, value) : undefined;
      secret.lastChangedDate = Date.now() / 1000;
      return saved({ ARN: secret.arn, Name: secret.name, VersionId: version?.versionId });
    },

    GetSecretValue(input, request) {
      const secret = secretNamed(input, request, "GetSecretValue");
      const versionId = field.optionalString(input, "VersionId");
      const stage = field.optionalString(input, "VersionStage") ?? (versionId ? undefined : "AWSCURRENT");
      const version = secret.versions.find(
        (v) => (!versionId || v.versionId === versionId) && (!stage || v.stages.includes(stage)),
      );
      if (!version) {
        throw new AwsServiceError(
          "ResourceNotFoundException",
          `Secrets Manager can't find the specified secret value for ${versionId ? `VersionId: ${versionId}` : `staging label: ${stage}`}`,
        );
      }
      secret.lastAccessedDate = Math.floor(Date.now() / 1000 / DAY_SECONDS) * DAY_SECONDS;
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.versionId,
        SecretString: version.secretString,
        SecretBinary: version.secretBinary,
        VersionStages: version.stages,
        CreatedDate: version.createdDate,
      };
    },

    DescribeSecret(input, request) {
      const secret = secretNamed(input, request, "DescribeSecret", { orScheduledForDeletion: true });
      return describe(secret);
    },

    ListSecrets(input, request) {
      const caller = iam.callerOf(request.headers);
      // ListSecrets has no resource: the platform's policy does not grant it.
      iam.authorize(
        caller,
        "secretsmanager:ListSecrets",
        caller.kind === "platform"
          ? "*"
          : `arn:aws:secretsmanager:${LOCAL_REGION}:${caller.accountId}:secret:*`,
        400,
      );
      const max = field.optionalInteger(input, "MaxResults", 1, 100) ?? 100;
      const start = Number(field.optionalString(input, "NextToken") ?? 0);
      const includeDeleted = field.optionalBoolean(input, "IncludePlannedDeletion") ?? false;
      const all = store
        .list(caller.kind === "administrator" ? undefined : caller.accountId)
        .filter((s) => includeDeleted || s.deletedDate === undefined);
      const page = all.slice(start, start + max);
      return {
        SecretList: page.map(describe),
        NextToken: start + max < all.length ? String(start + max) : undefined,
      };
    },

    DeleteSecret(input, request) {
      const secret = secretNamed(input, request, "DeleteSecret", { orScheduledForDeletion: true });
      const force = field.optionalBoolean(input, "ForceDeleteWithoutRecovery") ?? false;
      const windowDays = field.optionalInteger(input, "RecoveryWindowInDays", 7, 30);
      if (force && windowDays !== undefined) {
        throw new AwsServiceError(
          "InvalidParameterException",
          "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
        );
      }
      const now = Date.now() / 1000;
      if (force) store.remove(secret);
      else secret.deletedDate ??= now;
      const deletionDate = force ? now : secret.deletedDate! + (windowDays ?? 30) * DAY_SECONDS;
      return saved({ ARN: secret.arn, Name: secret.name, DeletionDate: deletionDate });
    },

    RestoreSecret(input, request) {
      const secret = secretNamed(input, request, "RestoreSecret", { orScheduledForDeletion: true });
      secret.deletedDate = undefined;
      return saved({ ARN: secret.arn, Name: secret.name });
    },
  });
}

function readValue(
  input: JsonInput,
  required: boolean,
): Pick<SecretVersion, "secretString" | "secretBinary" | "clientRequestToken"> | undefined {
  const secretString = field.optionalString(input, "SecretString");
  const secretBinary = field.optionalString(input, "SecretBinary");
  if (secretString !== undefined && secretBinary !== undefined) {
    throw new AwsServiceError(
      "InvalidParameterException",
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString === undefined && secretBinary === undefined) {
    if (required)
      throw new AwsServiceError(
        "InvalidRequestException",
        "You must provide either SecretString or SecretBinary.",
      );
    return undefined;
  }
  if ((secretString ?? secretBinary)!.length > 65_536) {
    throw new AwsServiceError(
      "InvalidParameterException",
      "Secret value exceeds the maximum size of 65536 bytes.",
    );
  }
  return {
    secretString,
    secretBinary,
    clientRequestToken: field.optionalString(input, "ClientRequestToken"),
  };
}

function describe(secret: StoredSecret) {
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    CreatedDate: secret.createdDate,
    LastChangedDate: secret.lastChangedDate,
    LastAccessedDate: secret.lastAccessedDate,
    DeletedDate: secret.deletedDate,
    Tags: secret.tags,
    VersionIdsToStages: Object.fromEntries(secret.versions.map((v) => [v.versionId, v.stages])),
  };
}
