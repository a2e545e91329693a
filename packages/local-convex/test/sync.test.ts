import { ConvexReactClient } from "convex/react";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { TestDeployment } from "../src/testing/index.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, startFixture } from "./fixture.ts";

let d: TestDeployment;
beforeAll(async () => {
  d = await startFixture();
});
afterAll(() => d.stop());

describe("ConvexClient over WebSocket sync", () => {
  it("updates a subscription when a mutation writes its table", async () => {
    const client = d.client();
    const seen: { body: string }[][] = [];
    client.onUpdate(api.messages.list, { channel: "sub-1" }, (v) => seen.push(v));
    await eventually(
      () => seen.length,
      (n) => n === 1,
    );
    expect(seen[0]).toEqual([]);
    await client.mutation(api.messages.send, { channel: "sub-1", author: "a", body: "hello" });
    const last = await eventually(
      () => seen.at(-1),
      (v) => v?.length === 1,
    );
    expect(last![0]!.body).toBe("hello");
  });

  it("does not re-send a subscription when an unrelated table is written", async () => {
    const client = d.client();
    const messages: unknown[] = [];
    const counters: number[] = [];
    client.onUpdate(api.messages.list, { channel: "quiet" }, (v) => messages.push(v));
    client.onUpdate(api.counters.get, { name: "noise" }, (v) => counters.push(v));
    await eventually(
      () => messages.length + counters.length,
      (n) => n === 2,
    );
    for (let i = 0; i < 5; i++) await client.mutation(api.counters.increment, { name: "noise" });
    await eventually(
      () => counters.at(-1),
      (v) => v === 5,
    );
    expect(messages).toHaveLength(1);
  });

  it("runs a client's mutations in the order it sent them", async () => {
    const client = d.client();
    const sends = Array.from({ length: 20 }, (_, i) =>
      client.mutation(api.messages.send, { channel: "order", author: "a", body: String(i) }),
    );
    await Promise.all(sends);
    const rows = await client.query(api.messages.list, { channel: "order" });
    expect(rows.map((r) => r.body)).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  it("replays an unconfirmed mutation after a dropped socket without running it twice", async () => {
    const client = d.client();
    await client.query(api.counters.get, { name: "replay" });
    let dropped = false;
    d.engine.onCommit(() => {
      // The mutation has committed but its response is not sent yet: cut every socket now.
      if (!dropped) {
        dropped = true;
        d.dropConnections();
      }
    });
    const result = await client.mutation(api.counters.increment, { name: "replay" });
    expect(dropped).toBe(true);
    expect(result).toBe(1);
    expect(await client.query(api.counters.get, { name: "replay" })).toBe(1);
  });

  it("simulates an outage over the admin route: sockets dropped, new ones refused a while, nothing lost", async () => {
    const client = d.client();
    await client.query(api.counters.get, { name: "outage" });
    const drop = (headers: Record<string, string>) =>
      fetch(`${d.url}/api/local_convex/drop_connections`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ refuseMs: 1500 }),
      });
    expect((await drop({})).status).toBe(401);
    expect((await drop({ authorization: `Convex ${d.adminKey}` })).status).toBe(200);
    const started = Date.now();
    // Sent during the outage: delivered once the client is let back in, and run once.
    expect(await client.mutation(api.counters.increment, { name: "outage" })).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(await client.query(api.counters.get, { name: "outage" })).toBe(1);
  });

  it("reports ConvexError data and plain errors like a deployment", async () => {
    const client = d.client();
    const error = await client
      .mutation(api.messages.send, { channel: "x", author: "a", body: "" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string }>).data.code).toBe("empty_body");
    await expect(client.mutation(api.messages.fail, {})).rejects.toThrow(/Uncaught Error: plain failure/);
  });

  it("runs actions that call components (rag add + search, agent with a tool call)", async () => {
    const client = d.client();
    await client.action(api.rag.add, {
      namespace: "docs",
      key: "ship",
      text: "Shipping to Germany takes five days",
    });
    await client.action(api.rag.add, {
      namespace: "docs",
      key: "ret",
      text: "Returns are accepted within thirty days",
    });
    const found = await client.action(api.rag.search, {
      namespace: "docs",
      query: "how many days does shipping take",
    });
    expect(found.keys[0]).toBe("ship");
    const answer = await client.action(api.agent.ask, { prompt: "Where is order 1001?" });
    expect(answer.toolCalls).toEqual(["lookupOrder"]);
    expect(answer.text).toContain('"status":"shipped"');
  });
});

describe("reactivity across components", () => {
  it("a query over the agent component's tables updates when an action writes them", async () => {
    const client = d.client();
    const threadId = await client.mutation(api.agent.startThread, {});
    const seen: { role: string; text: string }[][] = [];
    client.onUpdate(api.agent.messages, { threadId }, (v) => seen.push(v));
    await eventually(
      () => seen.length,
      (n) => n >= 1,
    );
    expect(seen[0]).toEqual([]);
    const text = await client.action(api.agent.reply, { threadId, prompt: "Where is order 42?" });
    const last = await eventually(
      () => seen.at(-1) ?? [],
      (v) => v.some((m) => m.role === "assistant" && m.text === text),
    );
    expect(last.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
  });
});

describe("ConvexReactClient (watchQuery without rendering)", () => {
  it("delivers the current result and later updates", async () => {
    const client = new ConvexReactClient(d.url, {
      webSocketConstructor: WebSocket as never,
      unsavedChangesWarning: false,
    });
    try {
      const watch = client.watchQuery(api.messages.list, { channel: "react" });
      let updates = 0;
      const unsubscribe = watch.onUpdate(() => updates++);
      await eventually(
        () => watch.localQueryResult(),
        (v) => v !== undefined,
      );
      await client.mutation(api.messages.send, { channel: "react", author: "r", body: "hi" });
      const rows = await eventually(
        () => watch.localQueryResult(),
        (v) => v?.length === 1,
      );
      expect(rows![0]!.author).toBe("r");
      expect(updates).toBeGreaterThanOrEqual(2);
      unsubscribe();
    } finally {
      await client.close();
    }
  });
});

describe("ConvexHttpClient", () => {
  it("runs queries, mutations and actions", async () => {
    const http = d.http();
    const id = await http.mutation(api.messages.send, { channel: "http", author: "h", body: "one" });
    expect(typeof id).toBe("string");
    const rows = await http.query(api.messages.list, { channel: "http" });
    expect(rows.map((r) => r._id)).toEqual([id]);
    expect(await http.action(api.rag.search, { namespace: "empty", query: "anything" })).toEqual({
      text: "",
      keys: [],
    });
  });

  it("answers failures with HTTP 560 and errorData", async () => {
    const response = await fetch(`${d.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        path: "messages:send",
        format: "convex_encoded_json",
        args: [{ channel: "c", author: "a", body: "" }],
      }),
    });
    expect(response.status).toBe(560);
    const body = (await response.json()) as { status: string; errorData: { code: string } };
    expect(body.status).toBe("error");
    expect(body.errorData.code).toBe("empty_body");
    const error = await d
      .http()
      .mutation(api.messages.send, { channel: "c", author: "a", body: "" })
      .catch((e: unknown) => e);
    expect((error as ConvexError<{ code: string }>).data.code).toBe("empty_body");
  });
});

describe("HTTP actions on the site port", () => {
  it("routes requests to http.ts", async () => {
    const hello = await fetch(`${d.siteUrl}/hello?name=ada`);
    expect(await hello.text()).toBe("hello ada (0)");
    const created = await fetch(`${d.siteUrl}/messages`, {
      method: "POST",
      body: JSON.stringify({ channel: "site", body: "via http" }),
    });
    expect(created.status).toBe(201);
    const rows = await d.http().query(api.messages.list, { channel: "site" });
    expect(rows.map((r) => r.author)).toEqual(["http"]);
    expect((await fetch(`${d.siteUrl}/nowhere`)).status).toBe(404);
  });

  it("calls the route's handler as a deployment does, without Convex's direct-call warning", async () => {
    await fetch(`${d.siteUrl}/hello?name=grace`);
    const warnings = d.logs.history().filter((entry) => entry.kind === "http" && entry.level === "WARN");
    expect(warnings.map((entry) => entry.message)).toEqual([]);
    expect(d.logs.history().some((entry) => entry.kind === "http" && entry.udfPath.includes("/hello"))).toBe(
      true,
    );
  });

  it("streams a ReadableStream body chunk by chunk", async () => {
    const response = await fetch(`${d.siteUrl}/stream?id=end-1`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    // "second" waits for the release below: a buffered body would never deliver "first".
    expect(decoder.decode((await reader.read()).value)).toBe("first\n");
    await d.http().mutation(api.counters.increment, { name: "release-end-1" });
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += decoder.decode(chunk.value);
    expect(rest).toBe("second\n");
  });

  it("cancels the action's stream when the client goes away", async () => {
    const abort = new AbortController();
    const response = await fetch(`${d.siteUrl}/stream?id=gone-1`, { signal: abort.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first\n");
    abort.abort();
    let cancelled = 0;
    for (let tries = 0; cancelled === 0 && tries < 250; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      cancelled = await d.http().query(api.counters.get, { name: "cancelled-gone-1" });
    }
    expect(cancelled).toBe(1);
  });
});
