import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { TestDeployment } from "../src/testing/index.ts";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, ISSUER, localIssuer, startFixture } from "./fixture.ts";

let d: TestDeployment;
let issuer: Awaited<ReturnType<typeof localIssuer>>;
beforeAll(async () => {
  issuer = await localIssuer();
  // auth.config.ts reads the JWKS from the deployment's environment.
  d = await startFixture({ env: { FIXTURE_JWKS: issuer.jwks } });
});
afterAll(() => d.stop());

type Who = { subject: string; tokenIdentifier: string } | null;

describe("auth per auth.config.ts (customJwt, local JWKS)", () => {
  it("runs queries anonymously without a token", async () => {
    const client = d.client();
    expect(await client.query(api.whoami.get, {})).toBeNull();
  });

  it("runs functions with the identity of a verified token", async () => {
    const client = d.client();
    const changes: boolean[] = [];
    client.setAuth(
      () => issuer.token("alice"),
      (isAuthenticated) => changes.push(isAuthenticated),
    );
    const seen: Who[] = [];
    client.onUpdate(api.whoami.get, {}, (v) => seen.push(v));
    const who = await eventually(
      () => seen.at(-1),
      (v) => v !== undefined && v !== null,
    );
    expect(who).toEqual({ subject: "alice", tokenIdentifier: `${ISSUER}|alice` });
    expect(changes).toContain(true);
  });

  it("reports AuthError for a token signed by someone else and stays anonymous", async () => {
    const stranger = await localIssuer();
    const client = d.client();
    const changes: boolean[] = [];
    client.setAuth(
      () => stranger.token("mallory"),
      (ok) => changes.push(ok),
    );
    await eventually(
      () => changes,
      (c) => c.includes(false),
      10_000,
    );
    expect(changes).not.toContain(true);
    expect(await client.query(api.whoami.get, {})).toBeNull();
  });

  it("treats an expired token as a deployment does: AuthError, then a fresh token is fetched", async () => {
    const client = d.client();
    let fetches = 0;
    client.setAuth(async () => {
      fetches += 1;
      // The first token is already expired; later fetches get a valid one.
      return fetches === 1
        ? issuer.token("bob", { expiresIn: Math.floor(Date.now() / 1000) - 10 })
        : issuer.token("bob");
    });
    const seen: Who[] = [];
    client.onUpdate(api.whoami.get, {}, (v) => seen.push(v));
    await eventually(
      () => seen.at(-1),
      (v) => v?.subject === "bob",
      10_000,
    );
    expect(fetches).toBeGreaterThanOrEqual(2);
  });

  it("never runs a signed-in client's queries anonymously when its token expires before the refresh lands", async () => {
    // The page starts with a kept token that expires in 2 s, and the fresh one takes 4 s to fetch (a
    // slow sign-in action, a throttled tab): the kept token expires on the server while the client is
    // still waiting for the fresh one. The client ignores that AuthError (it is already refreshing), so
    // anything the connection sends before the fresh token lands is what the inbox shows.
    const client = d.client();
    client.setAuth(async ({ forceRefreshToken }) => {
      if (!forceRefreshToken) return issuer.token("frank", { expiresIn: Math.floor(Date.now() / 1000) + 2 });
      await new Promise((resolve) => setTimeout(resolve, 4000));
      return issuer.token("frank");
    });
    const seen: Who[] = [];
    const errors: string[] = [];
    client.onUpdate(
      api.whoami.get,
      {},
      (v) => seen.push(v),
      (e) => errors.push(e.message),
    );
    await eventually(
      () => seen,
      (s) => s.some((v) => v?.subject === "frank"),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const signedIn = seen.findIndex((v) => v?.subject === "frank");
    expect(seen.slice(signedIn)).not.toContain(null);
    expect(errors).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ subject: "frank" });
  }, 20_000);

  it("verifies bearer tokens on the HTTP API", async () => {
    const http = new ConvexHttpClient(d.url);
    http.setAuth(await issuer.token("carol"));
    expect(await http.query(api.whoami.get, {})).toMatchObject({ subject: "carol" });
    http.setAuth(await issuer.token("carol", { audience: "another-app" }));
    await expect(http.query(api.whoami.get, {})).rejects.toThrow(/Could not verify/);
  });

  it("sends AuthError when a session's token expires and closes the connection, never running its queries anonymously", async () => {
    const ws = new WebSocket(`${d.url.replace("http", "ws")}/api/1.48.0/sync`);
    const frames: {
      type: string;
      error?: string;
      authUpdateAttempted?: boolean;
      modifications?: { value?: unknown }[];
    }[] = [];
    ws.on("message", (data: Buffer) => frames.push(JSON.parse(data.toString()) as (typeof frames)[number]));
    const closed = new Promise<number>((resolve) => ws.once("close", resolve));
    await new Promise((resolve) => ws.once("open", resolve));
    const exp = Math.floor(Date.now() / 1000) + 1;
    ws.send(
      JSON.stringify({
        type: "Connect",
        sessionId: crypto.randomUUID(),
        connectionCount: 0,
        lastCloseReason: null,
      }),
    );
    ws.send(
      JSON.stringify({
        type: "Authenticate",
        tokenType: "User",
        value: await issuer.token("dave", { expiresIn: exp }),
        baseVersion: 0,
      }),
    );
    ws.send(
      JSON.stringify({
        type: "ModifyQuerySet",
        baseVersion: 0,
        newVersion: 1,
        modifications: [{ type: "Add", queryId: 0, udfPath: "whoami:get", args: [{}] }],
      }),
    );
    const values = () =>
      frames.flatMap((f) => (f.type === "Transition" ? (f.modifications ?? []).map((m) => m.value) : []));
    await eventually(values, (v) => v.some((x) => (x as Who)?.subject === "dave"));
    const expired = await eventually(
      () => frames.find((f) => f.type === "AuthError"),
      (f) => f !== undefined,
      5000,
    );
    expect(expired).toMatchObject({ error: "Token expired", authUpdateAttempted: false });
    expect(await closed).toBe(1000);
    expect(values()).not.toContain(null);
  });

  it("re-evaluates auth.config.ts when an env var it reads changes", async () => {
    const other = await localIssuer();
    const http = new ConvexHttpClient(d.url);
    http.setAuth(await other.token("erin"));
    await expect(http.query(api.whoami.get, {})).rejects.toThrow(/Could not verify/);
    d.env.set("FIXTURE_JWKS", other.jwks);
    try {
      expect(await http.query(api.whoami.get, {})).toMatchObject({ subject: "erin" });
    } finally {
      d.env.set("FIXTURE_JWKS", issuer.jwks);
    }
  });
});
