// Widget settings: defaults until saved, every field checked, and a clear answer for an unknown organization.
import { describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { createUser, startBackend } from "./support/backend.ts";

async function shop() {
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  return { t, owner, organizationId };
}

const valid = {
  greeting: "  Hello from Brightside!  ",
  suggestions: ["Where is my order?", " ", "Do you ship abroad?"],
  primaryColor: "#0F766E",
  position: "bottom-left" as const,
};

describe("widget settings", () => {
  it("the widget sees the organization's name and defaults, then what an admin saved", async () => {
    const { t, owner, organizationId } = await shop();
    const before = await t.query(api.public.widget.settings, { organizationId });
    expect(before).toMatchObject({ organizationName: "Brightside", position: "bottom-right" });
    expect(before.primaryColor).toMatch(/^#[0-9a-f]{6}$/);

    const saved = await owner.as.mutation(api.private.widgetSettings.save, { organizationId, ...valid });
    expect(saved).toEqual({
      greeting: "Hello from Brightside!",
      suggestions: ["Where is my order?", "Do you ship abroad?"],
      primaryColor: "#0f766e",
      position: "bottom-left",
    });
    expect(await owner.as.query(api.private.widgetSettings.get, { organizationId })).toEqual(saved);
    expect(await t.query(api.public.widget.settings, { organizationId })).toEqual({
      organizationName: "Brightside",
      ...saved,
    });
  });

  it("bad fields are named and nothing is saved", async () => {
    const { owner, organizationId } = await shop();
    await owner.as.mutation(api.private.widgetSettings.save, { organizationId, ...valid });
    const bad = {
      greeting: "",
      suggestions: ["a", "b", "c", "d", "e"],
      primaryColor: "red; background: url(x)",
      position: "bottom-left" as const,
    };
    await expect(
      owner.as.mutation(api.private.widgetSettings.save, { organizationId, ...bad }),
    ).rejects.toMatchObject({
      data: {
        code: "invalid_input",
        fields: [
          { field: "greeting", message: expect.any(String) },
          { field: "suggestions", message: expect.any(String) },
          { field: "primaryColor", message: expect.any(String) },
        ],
      },
    });
    expect(await owner.as.query(api.private.widgetSettings.get, { organizationId })).toMatchObject({
      primaryColor: "#0f766e",
    });
  });

  it("only admins save; an unknown or malformed organization id is not_found for the widget", async () => {
    const { t, organizationId } = await shop();
    const stranger = await createUser(t, "stranger@else.test");
    await expect(
      stranger.as.mutation(api.private.widgetSettings.save, { organizationId, ...valid }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
    await expect(t.query(api.public.widget.settings, { organizationId: "nope" })).rejects.toMatchObject({
      data: { code: "not_found" },
    });
    // A well-formed id of a deleted organization.
    await t.run((ctx) => ctx.db.delete(organizationId));
    await expect(t.query(api.public.widget.settings, { organizationId })).rejects.toMatchObject({
      data: { code: "not_found" },
    });
  });
});
