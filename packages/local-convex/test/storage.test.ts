import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDeployment } from "../src/testing/index.ts";
import type { Id } from "./fixture-app/convex/_generated/dataModel.js";
import { api } from "./fixture-app/convex/_generated/api.js";
import { startFixture } from "./fixture.ts";

let d: TestDeployment;
beforeAll(async () => {
  d = await startFixture();
});
afterAll(() => d.stop());

describe("file storage", () => {
  it("uploads to generateUploadUrl and serves the file from getUrl, on the server's origin", async () => {
    const client = d.client();
    const uploadUrl = await client.mutation(api.files.generateUploadUrl, {});
    expect(uploadUrl.startsWith(`${d.url}/api/storage/upload`)).toBe(true);
    const upload = await fetch(uploadUrl, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello file",
    });
    expect(upload.status).toBe(200);
    const { storageId } = (await upload.json()) as { storageId: Id<"_storage"> };
    await client.mutation(api.files.save, { storageId, name: "greeting.txt" });
    const [file] = await client.query(api.files.list, {});
    expect(file!.url?.startsWith(d.url)).toBe(true);
    const download = await fetch(file!.url!);
    expect(download.headers.get("content-type")).toBe("text/plain");
    expect(await download.text()).toBe("hello file");
  });

  it("rejects an upload URL used twice and unknown files", async () => {
    const uploadUrl = await d.http().mutation(api.files.generateUploadUrl, {});
    expect((await fetch(uploadUrl, { method: "POST", body: "a" })).status).toBe(200);
    expect((await fetch(uploadUrl, { method: "POST", body: "b" })).status).toBe(401);
    expect((await fetch(`${d.url}/api/storage/nope`)).status).toBe(404);
  });
});
