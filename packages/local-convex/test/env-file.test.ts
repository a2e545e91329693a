import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readEnvFile } from "../src/env/env-file.ts";

const dir = mkdtempSync(path.join(tmpdir(), "local-convex-env-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
}

describe("--env-file", () => {
  it("reads a JSON object of strings, any value kept as is", () => {
    const jwks = JSON.stringify({ keys: [{ kty: "RSA", n: "a#b" }] });
    expect(readEnvFile(file("env.json", JSON.stringify({ JWKS: jwks, EMPTY: "" })))).toEqual({
      JWKS: jwks,
      EMPTY: "",
    });
  });

  it("reads dotenv lines from any other file", () => {
    expect(
      readEnvFile(file(".env.local", "# comment\nSITE_URL=http://localhost:3000\nNAME='a b'\n")),
    ).toEqual({
      SITE_URL: "http://localhost:3000",
      NAME: "a b",
    });
  });

  it("refuses JSON that is not an object of strings", () => {
    expect(() => readEnvFile(file("bad.json", '{"PORT": 3000}'))).toThrow(
      /JSON object whose values are strings/,
    );
    expect(() => readEnvFile(file("list.json", '["A"]'))).toThrow(/JSON object/);
  });
});
