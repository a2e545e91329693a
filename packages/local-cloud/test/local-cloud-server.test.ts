import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, type TestCloud } from "../src/testing/index.ts";

describe("local cloud server", () => {
  let stack: TestCloud;
  let secrets: SecretsManagerClient;
  const getSecret = () => secrets.send(new GetSecretValueCommand({ SecretId: stack.demo.aurora.secretArn }));
  const faults = (method: string, body?: unknown) =>
    fetch(`${stack.cloud.url}/__faults`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startTestCloud();
    secrets = new SecretsManagerClient({
      endpoint: stack.cloud.url,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
  });
  afterEach(async () => {
    await faults("DELETE");
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("answers health and names the services", async () => {
    const response = await fetch(`${stack.cloud.url}/health`);
    expect(await response.json()).toEqual({
      ok: true,
      services: ["neon", "rds-data", "redshift-data", "secrets-manager", "sts", "iam"],
    });
  });

  it("answers an unknown route or target with UnknownOperationException, not a crash", async () => {
    const response = await fetch(stack.cloud.url, {
      method: "POST",
      headers: { "x-amz-target": "DynamoDB_20120810.GetItem" },
      body: "{}",
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    const unknownOperation = await fetch(stack.cloud.url, {
      method: "POST",
      headers: { "x-amz-target": "secretsmanager.RotateEverything" },
      body: "{}",
    });
    expect(((await unknownOperation.json()) as { __type: string }).__type).toBe("UnknownOperationException");
  });

  it("refuses an oversized body with 413 and keeps serving", async () => {
    const response = await fetch(stack.cloud.url, {
      method: "POST",
      headers: { "x-amz-target": "secretsmanager.GetSecretValue" },
      body: "x".repeat(17 * 1024 * 1024),
    }).catch((error: unknown) => error);
    // The server may close the socket before the client finished sending; both are a refusal.
    if (response instanceof Response) expect(response.status).toBe(413);
    expect((await getSecret()).SecretString).toContain("username");
  });

  it("injects a delay through the admin endpoint", async () => {
    const added = await faults("POST", { service: "secrets-manager", delayMs: 300, times: 1 });
    expect(added.status).toBe(200);
    const started = performance.now();
    await getSecret();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const after = performance.now();
    await getSecret();
    expect(performance.now() - after).toBeLessThan(290);
  });

  it("fails exactly the next N calls with the given error, then recovers", async () => {
    await faults("POST", {
      service: "secrets-manager",
      operation: "GetSecretValue",
      times: 2,
      error: { type: "ThrottlingException", message: "Rate exceeded" },
    });
    for (let i = 0; i < 2; i++) {
      await expect(getSecret()).rejects.toMatchObject({
        name: "ThrottlingException",
        message: "Rate exceeded",
      });
    }
    expect((await getSecret()).ARN).toBe(stack.demo.aurora.secretArn);
  });

  it("drops the connection without an answer", async () => {
    stack.cloud.faults.add({ service: "*", drop: true, times: 1 });
    await expect(getSecret()).rejects.toThrow(/socket hang up|ECONNRESET|closed/i);
    expect((await getSecret()).ARN).toBe(stack.demo.aurora.secretArn);
  });

  it("rejects a malformed fault rule with a message and keeps the existing rules", async () => {
    await faults("POST", { service: "neon", delayMs: 1 });
    const bad = await faults("POST", { service: "neon", times: 0 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/times/);
    const listed = (await (await faults("GET")).json()) as { faults: unknown[] };
    expect(listed.faults).toHaveLength(1);
  });
});
