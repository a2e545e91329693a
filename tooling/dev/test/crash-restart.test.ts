import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEMO_ACCOUNT, startLocalDev, type LocalDev } from "../src/start-local-dev.ts";

// By name, as the dashboard calls them.
const signIn = makeFunctionReference<
  "action",
  { provider: string; params: Record<string, string> },
  { tokens?: { token: string } | null }
>("auth:signIn");
const listMine = makeFunctionReference<
  "query",
  Record<string, never>,
  { organizations: { organizationId: string; name: string }[] }
>("private/organizations:listMine");
const createOrganization = makeFunctionReference<"mutation", { name: string }, string>(
  "private/organizations:create",
);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The `local-convex serve` process under the `local-convex dev` supervisor (tsx has a child there too). */
function serverPid(supervisorPid: number): number {
  const pids = execFileSync("pgrep", ["-P", String(supervisorPid), "-f", " serve "], { encoding: "utf8" })
    .trim()
    .split("\n");
  expect(pids).toHaveLength(1);
  return Number(pids[0]);
}

const stateDir = mkdtempSync(path.join(tmpdir(), "answerbase-dev-crash-"));
let dev: LocalDev;
beforeAll(async () => {
  dev = await startLocalDev({
    ANSWERBASE_STATE_DIR: stateDir,
    LOCAL_CLOUD_HOST: "127.0.0.1",
    LOCAL_CLOUD_PORT: await freePort(),
    EMBEDDED_POSTGRES_PORT: await freePort(),
    DEMO_CRM_PORT: 0,
    LOCAL_CONVEX_PORT: await freePort(),
    LOCAL_CONVEX_SITE_PORT: await freePort(),
  });
});
afterAll(async () => {
  await dev?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("pnpm dev when the Convex server is killed", () => {
  it("restarts it by itself, with the data written before, and subscribed clients see writes made after", async () => {
    const http = new ConvexHttpClient(dev.convex.url);
    const { tokens } = await http.action(signIn, {
      provider: "password",
      params: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, flow: "signIn" },
    });
    const token = tokens!.token;
    http.setAuth(token);
    // A live subscription, as the dashboard holds one: it must come back without any help.
    const live = new ConvexClient(dev.convex.url, {
      webSocketConstructor: WebSocket as never,
      unsavedChangesWarning: false,
    });
    live.setAuth(() => Promise.resolve(token));
    const seen: string[][] = [];
    const unsubscribe = live.onUpdate(listMine, {}, ({ organizations }) =>
      seen.push(organizations.map((o) => o.name)),
    );
    try {
      await http.mutation(createOrganization, { name: "Written before the crash" });
      await expect.poll(() => seen.at(-1), { timeout: 30_000 }).toContain("Written before the crash");
      // Saved to the state file (about 250 ms after the write), as any write is before a crash.
      const stateFile = path.join(stateDir, "local-convex", "state.json");
      await expect
        .poll(() => readFileSync(stateFile, "utf8").includes("Written before the crash"), { timeout: 30_000 })
        .toBe(true);

      const supervisor = dev.convex.pid!;
      const killed = serverPid(supervisor);
      process.kill(killed, "SIGKILL");

      // The supervisor stays, and a new server process answers on the same URL.
      await expect
        .poll(
          async () => {
            try {
              return (await fetch(`${dev.convex.url}/version`)).ok ? serverPid(supervisor) : null;
            } catch {
              return null;
            }
          },
          { timeout: 60_000, interval: 200 },
        )
        .not.toBeOneOf([null, killed]);
      const after = await http.query(listMine, {});
      expect(after.organizations.map((o) => o.name)).toContain("Written before the crash");

      await http.mutation(createOrganization, { name: "Written after the restart" });
      await expect
        .poll(() => seen.at(-1), { timeout: 60_000 })
        .toEqual(expect.arrayContaining(["Written before the crash", "Written after the restart"]));
    } finally {
      unsubscribe();
      await live.close();
    }
  });
});
