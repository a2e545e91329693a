import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  flattenComponentPaths,
  generateCode,
  readComponentTree,
  staleGeneratedFiles,
  writeGeneratedCode,
} from "../src/index.ts";
import { FIXTURE_COMPONENTS } from "./fixture-app/components.ts";
import { FIXTURE_DIR, startFixture } from "./fixture.ts";

describe("component tree", () => {
  it("the configured tree matches convex.config.ts (and each component's own config)", () => {
    expect(readComponentTree(FIXTURE_DIR)).toEqual(FIXTURE_COMPONENTS);
  });

  it("registers every component, nested ones included, in the engine", async () => {
    const d = await startFixture();
    try {
      expect(d.engine.core.componentPaths().sort()).toEqual(
        ["", ...flattenComponentPaths(FIXTURE_COMPONENTS)].sort(),
      );
      expect(flattenComponentPaths(FIXTURE_COMPONENTS)).toContain("rag/workpool/batchWorker");
    } finally {
      await d.stop();
    }
  });
});

describe("offline codegen", () => {
  it("the fixture's committed _generated/ is up to date (run `pnpm codegen` if this fails)", async () => {
    expect(await staleGeneratedFiles(FIXTURE_DIR)).toEqual([]);
  });

  it("types components from each package's _generated/component.js, as convex codegen does", async () => {
    const files = await generateCode(FIXTURE_DIR);
    expect([...files.keys()].sort()).toEqual([
      "api.d.ts",
      "api.js",
      "dataModel.d.ts",
      "server.d.ts",
      "server.js",
    ]);
    expect(files.get("api.d.ts")).toContain(
      'rag: import("@convex-dev/rag/_generated/component.js").ComponentApi<"rag">;',
    );
    expect(files.get("api.js")).toContain("export const components = componentsGeneric();");
  });

  it("detects staleness when a module is added, for an app without components", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "codegen-"));
    try {
      cpSync(path.join(FIXTURE_DIR, "schema.ts"), path.join(dir, "schema.ts"));
      writeFileSync(
        path.join(dir, "notes.ts"),
        'import { query } from "./_generated/server";\nexport const list = query(() => []);\n',
      );
      expect(await writeGeneratedCode(dir)).toEqual([
        "api.d.ts",
        "api.js",
        "dataModel.d.ts",
        "server.d.ts",
        "server.js",
      ]);
      expect(await staleGeneratedFiles(dir)).toEqual([]);
      writeFileSync(path.join(dir, "more.ts"), "export const x = 1;\n");
      expect(await staleGeneratedFiles(dir)).toEqual(["api.d.ts"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
