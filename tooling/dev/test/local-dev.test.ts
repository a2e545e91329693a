import { makeFunctionReference } from "convex/server";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNT } from "../src/start-local-dev.ts";
import { listMine, signInAsDemo, useIsolatedDev } from "./support/isolated-dev.ts";

const testConnection = makeFunctionReference<"action", { organizationId: string }, { kind: string }>(
  "private/dataSourceActions:testConnection",
);
const save = makeFunctionReference<
  "action",
  { organizationId: string; config: Record<string, string> },
  unknown
>("private/dataSourceActions:save");

const stack = useIsolatedDev();

describe("pnpm dev on embedded defaults", () => {
  it("serves the real backend: the demo user signs in, sees the demo organization and its database", async () => {
    const { dev } = stack;
    expect(dev.seed.dataSourceSaved).toBe(true);
    const { client } = await signInAsDemo(dev.convex.url);

    const { organizations } = await client.query(listMine, {});
    expect(organizations).toEqual([
      expect.objectContaining({
        organizationId: dev.seed.organizationId,
        name: DEMO_ACCOUNT.organizationName,
        isDemo: true,
      }),
    ]);
    // Through the Neon driver and the local cloud's Neon endpoints, to the embedded demo database.
    expect(await client.action(testConnection, { organizationId: dev.seed.organizationId })).toMatchObject({
      kind: "connected",
    });

    // Switched to Aurora and Redshift, the demo organization goes through the demo account's role,
    // which the seed made trust the demo organization's id.
    const { aurora, redshift } = dev.stack.demo;
    const configs: Record<string, string>[] = [
      { provider: "aurora_data_api", ...aurora },
      {
        provider: "redshift",
        workgroupName: redshift.workgroupName,
        database: redshift.database,
        secretArn: redshift.secretArn,
        roleArn: redshift.roleArn,
      },
    ];
    for (const config of configs) {
      await client.action(save, { organizationId: dev.seed.organizationId, config });
      expect(await client.action(testConnection, { organizationId: dev.seed.organizationId })).toMatchObject({
        kind: "connected",
      });
    }
    expect(dev.stack.cloud.iam.sessionsOf(aurora.roleArn).map((s) => s.externalId)).toContain(
      dev.seed.organizationId,
    );
  });
});
