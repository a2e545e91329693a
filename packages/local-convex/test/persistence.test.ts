import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { api } from "./fixture-app/convex/_generated/api.js";
import { eventually, startFixture } from "./fixture.ts";

const dirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "local-convex-state-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("keeps app and component data, files and pending scheduled work across a restart", async () => {
    const dir = stateDir();
    const first = await startFixture({ stateDir: dir });
    const http = first.http();
    await http.mutation(api.messages.send, { channel: "p", author: "a", body: "kept" });
    await http.action(api.rag.add, { namespace: "docs", key: "k", text: "Parcels to Norway take a week" });
    const uploadUrl = await http.mutation(api.files.generateUploadUrl, {});
    const { storageId } = (await (await fetch(uploadUrl, { method: "POST", body: "bytes" })).json()) as {
      storageId: string;
    };
    await http.mutation(api.files.save, { storageId: storageId as never, name: "f" });
    // Due after the restart: it must be re-armed from the saved state.
    await http.mutation(api.counters.incrementLater, { name: "after-restart", delayMs: 1500 });
    const tsBefore = first.engine.core.lastCommitTs();
    await first.stop();

    const second = await startFixture({ stateDir: dir });
    try {
      expect(second.restored).toMatchObject({ restored: true, rearmed: 1 });
      expect(second.engine.core.lastCommitTs()).toBeGreaterThanOrEqual(tsBefore);
      const http2 = second.http();
      expect((await http2.query(api.messages.list, { channel: "p" })).map((m) => m.body)).toEqual(["kept"]);
      expect(
        (await http2.action(api.rag.search, { namespace: "docs", query: "Norway parcels" })).keys,
      ).toEqual(["k"]);
      const [file] = await http2.query(api.files.list, {});
      expect(await (await fetch(file!.url!)).text()).toBe("bytes");
      const client = second.client();
      const values: number[] = [];
      client.onUpdate(api.counters.get, { name: "after-restart" }, (v) => values.push(v));
      await eventually(
        () => values.at(-1),
        (v) => v === 1,
        5000,
      );
      // Timestamps keep increasing after the restart.
      await http2.mutation(api.messages.send, { channel: "p", author: "a", body: "later" });
      expect(second.engine.core.lastCommitTs()).toBeGreaterThan(tsBefore);
    } finally {
      await second.stop();
    }
  });

  it("saves within a second of a change, without a shutdown", async () => {
    const dir = stateDir();
    const d = await startFixture({ stateDir: dir });
    try {
      await d.http().mutation(api.messages.send, { channel: "s", author: "a", body: "soon" });
      await eventually(
        () => existsSync(path.join(dir, "state.json")),
        (v) => v,
        1000,
      );
    } finally {
      await d.stop();
    }
  });

  it("moves a corrupted state file aside and says so, instead of silently emptying it", async () => {
    const dir = stateDir();
    writeFileSync(path.join(dir, "state.json"), "{ this is not json");
    const d = await startFixture({ stateDir: dir });
    try {
      expect(d.restored?.restored).toBe(false);
      expect(d.restored?.error).toMatch(/could not read the saved state/);
      const aside = readdirSync(dir).filter((f) => f.startsWith("state.json.corrupt-"));
      expect(aside).toHaveLength(1);
      expect(d.restored?.movedAside).toBe(path.join(dir, aside[0]!));
    } finally {
      await d.stop();
    }
  });
});
