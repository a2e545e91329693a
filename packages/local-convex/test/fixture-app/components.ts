import type { ComponentNode } from "../../src/index.ts";

/**
 * The fixture app's component tree, configured in one place for the test deployments.
 * test/components.test.ts checks it against convex.config.ts so the two cannot drift.
 */
export const FIXTURE_COMPONENTS: ComponentNode[] = [
  {
    name: "rag",
    packageName: "@convex-dev/rag",
    children: [
      {
        name: "workpool",
        packageName: "@convex-dev/workpool",
        children: [{ name: "batchWorker", packageName: "@convex-dev/batch-worker", children: [] }],
      },
    ],
  },
  { name: "agent", packageName: "@convex-dev/agent", children: [] },
];
