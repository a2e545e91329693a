import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { WebSocket } from "ws";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import type { TestConvex } from "convex-test";
import { readComponentTree } from "../components/component-tree.ts";
import { componentRegistrations } from "../engine/component-registrations.ts";
import { createConvexTest } from "../engine/convex-test-adapter.ts";
import { loadSchema, moduleMap } from "../engine/modules.ts";
import { startLocalConvex, type LocalConvex, type LocalConvexOptions } from "../local-convex.ts";

export interface TestDeployment extends LocalConvex {
  /** A fresh `ConvexClient` (WebSocket sync) on this deployment; closed by `stop`. */
  client(): ConvexClient;
  http(): ConvexHttpClient;
  stateDir: string | undefined;
}

/**
 * A local Convex deployment on free ports for a test, with clients that are closed on `stop`.
 * `persist: true` gives it a temporary state folder (removed on stop unless `keepState`).
 */
export async function startTestDeployment(
  options: Omit<LocalConvexOptions, "port" | "sitePort"> & { persist?: boolean; keepState?: boolean },
): Promise<TestDeployment> {
  const stateDir =
    options.stateDir ?? (options.persist ? mkdtempSync(path.join(tmpdir(), "local-convex-")) : undefined);
  const deployment = await startLocalConvex({ crons: false, ...options, stateDir, port: 0, sitePort: 0 });
  const clients: ConvexClient[] = [];
  return {
    ...deployment,
    stateDir,
    client() {
      const client = new ConvexClient(deployment.url, {
        webSocketConstructor: WebSocket as never,
        unsavedChangesWarning: false,
      });
      clients.push(client);
      return client;
    },
    http: () => new ConvexHttpClient(deployment.url),
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await deployment.stop();
      if (stateDir !== undefined && options.stateDir === undefined && !options.keepState) {
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * convex-test on a functions folder exactly as local-convex loads it: schema, every module, and the
 * component tree read from its `convex.config.ts`, and the deployment's limits (src/limits/). Pass
 * the folder's schema for typed `t.run` and `t.query`; it is loaded from the folder otherwise. For unit
 * tests of a backend without a server.
 */
export async function convexTestFor<Schema extends GenericSchema>(
  convexDir: string,
  schema?: SchemaDefinition<Schema, boolean>,
) {
  const t = createConvexTest(schema ?? (await loadSchema(convexDir)), moduleMap(convexDir)) as TestConvex<
    SchemaDefinition<Schema, boolean>
  >;
  const tree = readComponentTree(convexDir);
  for (const component of await componentRegistrations(tree, path.join(convexDir, "convex.config.ts"), "")) {
    t.registerComponent(component.path, component.schema as never, component.modules);
  }
  return t;
}
