import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import type { Id } from "../_generated/dataModel";
import { awsSettings } from "../lib/env";
import { appError } from "../lib/errors";

/** The one place the secret's name is spelled: derived from the organization, never from client input. */
export function tenantSecretName(organizationId: Id<"organizations">): string {
  return `tenant/${organizationId}/database`;
}

let client: { key: string; client: SecretsManagerClient } | undefined;

// One client per settings, reused across calls of a warm action runtime.
function secretsManager(): SecretsManagerClient {
  const settings = awsSettings();
  const key = JSON.stringify([settings.endpoint, settings.region, settings.credentials?.accessKeyId]);
  if (client?.key !== key) {
    client = {
      key,
      client: new SecretsManagerClient({
        region: settings.region,
        ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
        ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
        maxAttempts: 2,
      }),
    };
  }
  return client.client;
}

function unavailable(operation: string, error: unknown) {
  const name = error instanceof Error ? error.name : "Error";
  // The SDK's message names the secret at most, never its value.
  const detail = error instanceof Error ? error.message : String(error);
  console.error(`Secrets Manager ${operation} failed: ${name}: ${detail}`);
  return appError(
    "secret_store_unavailable",
    `Secrets Manager could not ${operation} the connection secret (${name}). Try again shortly.`,
    {
      retryable: true,
    },
  );
}

export async function putTenantSecret(
  organizationId: Id<"organizations">,
  secretString: string,
): Promise<void> {
  const name = tenantSecretName(organizationId);
  try {
    await secretsManager().send(new PutSecretValueCommand({ SecretId: name, SecretString: secretString }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw unavailable("save", error);
    try {
      await secretsManager().send(
        new CreateSecretCommand({
          Name: name,
          SecretString: secretString,
          Description: "Answerbase: an organization's database connection",
          Tags: [{ Key: "answerbase:organization", Value: organizationId }],
        }),
      );
    } catch (createError) {
      throw unavailable("save", createError);
    }
  }
}

export async function getTenantSecret(organizationId: Id<"organizations">): Promise<string> {
  try {
    const answer = await secretsManager().send(
      new GetSecretValueCommand({ SecretId: tenantSecretName(organizationId) }),
    );
    if (answer.SecretString === undefined) {
      throw appError(
        "secret_corrupted",
        "The connection secret in Secrets Manager holds no text; connect the database again.",
      );
    }
    return answer.SecretString;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      throw appError(
        "secret_missing",
        "The connection secret is missing from Secrets Manager; connect the database again.",
      );
    }
    if (error instanceof Error && error.name === "ConvexError") throw error;
    throw unavailable("read", error);
  }
}

/** Deletes at once (no recovery window), so a disconnected secret cannot be read again. Missing is fine. */
export async function deleteTenantSecret(organizationId: Id<"organizations">): Promise<void> {
  try {
    await secretsManager().send(
      new DeleteSecretCommand({
        SecretId: tenantSecretName(organizationId),
        ForceDeleteWithoutRecovery: true,
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw unavailable("delete", error);
  }
}
