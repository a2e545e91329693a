import { describe, expect, it } from "vitest";
import { chooseBackend, describeConvexChoice } from "../src/backend-choice.ts";

describe("which backend pnpm dev runs", () => {
  it("runs everything locally when no Convex deployment is configured", () => {
    expect(chooseBackend({})).toEqual({ kind: "local" });
    expect(chooseBackend({ CONVEX_DEPLOYMENT: "", CONVEX_URL: "  " })).toEqual({ kind: "local" });
  });

  it("hands over to `convex dev` when CONVEX_DEPLOYMENT or CONVEX_URL is set", () => {
    expect(chooseBackend({ CONVEX_DEPLOYMENT: "dev:happy-otter-123" })).toEqual({
      kind: "convex",
      variable: "CONVEX_DEPLOYMENT",
      value: "dev:happy-otter-123",
    });
    expect(chooseBackend({ CONVEX_URL: "https://convex.example.com" })).toMatchObject({
      kind: "convex",
      variable: "CONVEX_URL",
    });
    // Both set: the deployment name is what `convex dev` itself goes by.
    expect(chooseBackend({ CONVEX_URL: "https://x.convex.cloud", CONVEX_DEPLOYMENT: "dev:a" })).toMatchObject(
      {
        variable: "CONVEX_DEPLOYMENT",
      },
    );
  });

  it("says so in one line", () => {
    const line = describeConvexChoice({ kind: "convex", variable: "CONVEX_URL", value: "https://x" });
    expect(line).not.toContain("\n");
    expect(line).toMatch(/CONVEX_URL is set .*npx convex dev.*not started/);
  });
});
