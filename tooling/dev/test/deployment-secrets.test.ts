import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { StartupError } from "@answerbase/local-cloud";
import { afterAll, describe, expect, it } from "vitest";
import { loadOrCreateDeploymentSecrets } from "../src/deployment-secrets.ts";

const dir = mkdtempSync(path.join(tmpdir(), "answerbase-dev-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("deployment secrets", () => {
  it("are generated once, kept with mode 0600, and read back unchanged", async () => {
    const file = path.join(dir, "nested", "deployment-secrets.json");
    const first = await loadOrCreateDeploymentSecrets(file);
    expect(Object.keys(first).sort()).toEqual(["DATA_SOURCE_ENCRYPTION_KEY", "JWKS", "JWT_PRIVATE_KEY"]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDeploymentSecrets(file)).toEqual(first);
  });

  it("a damaged file is a one-line StartupError, not a crash", async () => {
    const file = path.join(dir, "bad.json");
    writeFileSync(file, '{"JWKS": "{}"}');
    const error = await loadOrCreateDeploymentSecrets(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/missing JWT_PRIVATE_KEY, DATA_SOURCE_ENCRYPTION_KEY/);
  });
});
