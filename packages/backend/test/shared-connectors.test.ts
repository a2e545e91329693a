// One connector per organization and config, shared by concurrent calls, so a burst of lookups queues on
// one small pool instead of opening a pool each; a new config never gets the old connector.
import type { DataSourceConfig } from "@answerbase/connectors";
import { describe, expect, it } from "vitest";
import {
  acquireSharedConnector,
  retireSharedConnector,
  sharedConnectorState,
} from "../convex/dataSources/sharedConnectors.ts";

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

  it("counts the connectors it opens, so a bench can show steady-state lookups open none", () => {
    const before = sharedConnectorState("org-d").opened;
    const leases = [1, 2, 3].map(() => acquireSharedConnector("org-d", 1, config(5504)));
    expect(sharedConnectorState("org-d")).toEqual({ opened: before + 1, current: leases[0]!.connector });
    for (const lease of leases) lease.release();
    acquireSharedConnector("org-d", 2, config(5504)).release();
    expect(sharedConnectorState("org-d").opened).toBe(before + 2);
    retireSharedConnector("org-d");
    expect(sharedConnectorState("org-d").current).toBeUndefined();
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
