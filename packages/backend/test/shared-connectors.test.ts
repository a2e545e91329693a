// One connector per organization and config, shared by concurrent calls, so a burst of lookups queues on
// one small pool instead of opening a pool each; a new config never gets the old connector.
import type { DataSourceConfig } from "@answerbase/connectors";
import { describe, expect, it } from "vitest";
import { acquireSharedConnector, retireSharedConnector } from "../convex/dataSources/sharedConnectors.ts";

const config = (port: number): DataSourceConfig => ({
  provider: "postgres",
  connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
});

describe("shared connectors", () => {
  it("concurrent users of one organization and config share a connector", () => {
    const a = acquireSharedConnector("org-a", 1, config(5501));
    const b = acquireSharedConnector("org-a", 1, config(5501));
    expect(b.connector).toBe(a.connector);
    const other = acquireSharedConnector("org-b", 1, config(5501));
    expect(other.connector).not.toBe(a.connector);
    for (const lease of [a, b, other]) lease.release();
  });

  it("a new version, a changed config or a retirement gives a new connector", () => {
    const first = acquireSharedConnector("org-c", 1, config(5502));
    first.release();
    const saved = acquireSharedConnector("org-c", 2, config(5502));
    expect(saved.connector).not.toBe(first.connector);
    saved.release();
    const moved = acquireSharedConnector("org-c", 2, config(5503));
    expect(moved.connector).not.toBe(saved.connector);
    moved.release();
    retireSharedConnector("org-c");
    const fresh = acquireSharedConnector("org-c", 2, config(5503));
    expect(fresh.connector).not.toBe(moved.connector);
    fresh.release();
    fresh.release(); // a second release is harmless
  });
});
