import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { TestDeployment } from "../src/testing/index.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { startFixture } from "./fixture.ts";

let d: TestDeployment;
beforeAll(async () => {
  d = await startFixture();
});
afterAll(() => d.stop());

interface Frame {
  type: string;
  requestId?: number;
  success?: boolean;
  result?: unknown;
  modifications?: { type: string; errorMessage?: string }[];
}

/** A raw sync connection: what a client would send, frame by frame. */
async function rawSync() {
  const ws = new WebSocket(`${d.url.replace("http", "ws")}/api/1.48.0/sync`);
  const frames: Frame[] = [];
  ws.on("message", (data: Buffer) => frames.push(JSON.parse(data.toString()) as Frame));
  await new Promise((resolve) => ws.once("open", resolve));
  ws.send(
    JSON.stringify({
      type: "Connect",
      sessionId: crypto.randomUUID(),
      connectionCount: 0,
      lastCloseReason: null,
    }),
  );
  const next = async (predicate: (f: Frame) => boolean) => {
    for (let i = 0; i < 500; i++) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no frame; got ${JSON.stringify(frames)}`);
  };
  const mutation = (requestId: number, udfPath: string, args: unknown) => {
    ws.send(JSON.stringify({ type: "Mutation", requestId, udfPath, args: [args] }));
    return next((f) => f.type === "MutationResponse" && f.requestId === requestId);
  };
  return { ws, next, mutation };
}

describe("bad input gets a deployment's errors; connection and server keep running", () => {
  it("over WebSocket", async () => {
    const c = await rawSync();
    c.ws.send("this is not json");
    c.ws.send(Buffer.from([0, 1, 2, 3]));
    c.ws.send(JSON.stringify({ type: "NoSuchMessage" }));

    const unknown = await c.mutation(1, "messages:nope", {});
    expect(unknown.success).toBe(false);
    expect(unknown.result).toMatch(/Could not find public function for 'messages:nope'/);

    const internal = await c.mutation(2, "counters:bumpInternal", { name: "x" });
    expect(internal.result).toMatch(/Could not find public function for 'counters:bumpInternal'/);

    const badArgs = await c.mutation(3, "messages:send", { channel: 1 });
    expect(badArgs.success).toBe(false);
    expect(badArgs.result).toMatch(/ArgumentValidationError/);

    const oversized = await c.mutation(4, "messages:send", {
      channel: "c",
      author: "a",
      body: "x".repeat(17 * 1024 * 1024),
    });
    expect(oversized.result).toMatch(/too large/);

    c.ws.send(
      JSON.stringify({
        type: "ModifyQuerySet",
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: "Add", queryId: 0, udfPath: "nope:nope", args: [{}] }],
      }),
    );
    const transition = await c.next((f) => f.type === "Transition");
    expect(transition.modifications?.[0]).toMatchObject({ type: "QueryFailed" });

    // Arguments that are not Convex values ($-prefixed field names are reserved).
    const notConvex = await c.mutation(6, "messages:send", { $bad: 1 });
    expect(notConvex.result).toMatch(/Invalid arguments/);
    c.ws.send(
      JSON.stringify({
        type: "ModifyQuerySet",
        baseVersion: 1,
        newVersion: 2,
        modifications: [{ type: "Add", queryId: 1, udfPath: "messages:list", args: [{ $bad: 1 }] }],
      }),
    );
    const failed = await c.next(
      (f) =>
        f.type === "Transition" &&
        (f.modifications ?? []).some((m) => m.errorMessage?.includes("Invalid arguments")),
    );
    expect(failed).toBeDefined();

    const ok = await c.mutation(5, "messages:send", { channel: "after", author: "a", body: "still works" });
    expect(ok.success).toBe(true);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it("over HTTP", async () => {
    const post = (route: string, body: string) =>
      fetch(`${d.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect((await post("/api/query", "{garbage")).status).toBe(400);
    const wrongKind = await post("/api/query", JSON.stringify({ path: "messages:send", args: [{}] }));
    expect(wrongKind.status).toBe(560);
    expect(((await wrongKind.json()) as { errorMessage: string }).errorMessage).toMatch(
      /as Query, but it is defined as Mutation/,
    );
    await expect(d.http().query(api.messages.list, { channel: 5 as unknown as string })).rejects.toThrow(
      /ArgumentValidationError/,
    );
    expect((await d.http().query(api.messages.list, { channel: "after" })).length).toBe(1);
  });
});
