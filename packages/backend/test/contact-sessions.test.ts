// The widget's contact sessions: unverified by default, verified only by the organization's signature.
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { api } from "../convex/_generated/api.js";
import { signIdentity } from "../convex/contacts/identity.ts";
import { createUser, deploymentEnv, startBackend } from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
});
afterAll(() => cloud?.stop());

async function shop() {
  const t = await startBackend();
  const owner = await createUser(t, "owner@shop.test");
  const organizationId = await owner.as.mutation(api.private.organizations.create, { name: "Brightside" });
  return { t, owner, organizationId };
}

describe("contact sessions", () => {
  it("a typed-in e-mail is unverified; the site's signature verifies it", async () => {
    const { t, owner, organizationId } = await shop();
    const anonymous = await t.mutation(api.public.contactSessions.start, {
      organizationId,
      name: "Alice",
      email: "alice@example.com",
    });
    expect(anonymous.verified).toBe(false);

    const { secret } = await owner.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId });
    const signature = await signIdentity(secret, "alice@example.com");
    const verified = await t.mutation(api.public.contactSessions.start, {
      organizationId,
      name: "Alice",
      email: " Alice@Example.com ",
      signature,
    });
    expect(verified.verified).toBe(true);
    const stored = await t.run((ctx) => ctx.db.query("contactSessions").collect());
    expect(stored.map((s) => s.identity)).toEqual([
      { kind: "unverified" },
      { kind: "verified", ownerKey: "alice@example.com", method: "signature" },
    ]);
    // Only the token's hash is stored.
    expect(JSON.stringify(stored)).not.toContain(verified.sessionToken);
    expect(
      await t.query(api.public.contactSessions.validate, { sessionToken: verified.sessionToken }),
    ).toMatchObject({
      valid: true,
      verified: true,
    });
  });

  it("a forged, foreign or stale signature is refused", async () => {
    const { t, owner, organizationId } = await shop();
    const { secret } = await owner.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId });
    const start = (email: string, signature: string) =>
      t.mutation(api.public.contactSessions.start, { organizationId, name: "Mallory", email, signature });
    // Alice's signature does not verify Bob.
    const aliceSignature = await signIdentity(secret, "alice@example.com");
    await expect(start("bob@example.com", aliceSignature)).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
    await expect(start("alice@example.com", "00".repeat(32))).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
    await expect(
      start("alice@example.com", await signIdentity("guessed", "alice@example.com")),
    ).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
    // After a rotation the old signature stops working.
    await owner.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId });
    await expect(start("alice@example.com", aliceSignature)).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
  });

  it("bad input and unknown organizations get clear errors; sessions expire", async () => {
    const { t, organizationId } = await shop();
    await expect(
      t.mutation(api.public.contactSessions.start, { organizationId, name: "", email: "not-an-email" }),
    ).rejects.toMatchObject({
      data: { code: "invalid_input", fields: [{ field: "name" }, { field: "email" }] },
    });
    await t.run((ctx) => ctx.db.delete(organizationId));
    await expect(
      t.mutation(api.public.contactSessions.start, { organizationId, name: "A", email: "a@example.com" }),
    ).rejects.toMatchObject({ data: { code: "not_found" } });

    const other = await shop();
    const session = await other.t.mutation(api.public.contactSessions.start, {
      organizationId: other.organizationId,
      name: "A",
      email: "a@example.com",
    });
    await other.t.run(async (ctx) => {
      for (const stored of await ctx.db.query("contactSessions").collect())
        await ctx.db.patch(stored._id, { expiresAt: Date.now() - 1 });
    });
    expect(
      await other.t.query(api.public.contactSessions.validate, { sessionToken: session.sessionToken }),
    ).toEqual({ valid: false, verified: false, expiresAt: null });
    // A token that was never issued looks the same as an expired one.
    expect(
      await other.t.query(api.public.contactSessions.validate, { sessionToken: `cs_${"0".repeat(64)}` }),
    ).toEqual({ valid: false, verified: false, expiresAt: null });
  });

  it("a short-lived identity JWT signed with the widget secret verifies; any other is refused", async () => {
    const { t, owner, organizationId } = await shop();
    const { secret } = await owner.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId });
    const jwt = (claims: Record<string, unknown>, expiresIn: string, key = secret) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(new TextEncoder().encode(key));
    const start = (email: string, identityToken: string) =>
      t.mutation(api.public.contactSessions.start, { organizationId, name: "Alice", email, identityToken });

    const good = await start("alice@example.com", await jwt({ email: "Alice@example.com" }, "10m"));
    expect(good.verified).toBe(true);

    const refused = [
      await jwt({ email: "alice@example.com" }, "10m", "wsec_guessed"), // forged
      await jwt({ email: "bob@example.com" }, "10m"), // someone else's
      await jwt({ email: "alice@example.com" }, "-5m"), // expired
      await jwt({ email: "alice@example.com" }, "30d"), // lives far too long to be a sign-in proof
      await jwt({ sub: "alice" }, "10m"), // no e-mail
      "not.a.jwt",
    ];
    for (const token of refused) {
      await expect(start("alice@example.com", token)).rejects.toMatchObject({ data: { code: "forbidden" } });
    }
  });

  it("only admins see and rotate the widget secret", async () => {
    const { t, owner, organizationId } = await shop();
    const member = await createUser(t, "member@shop.test");
    await t.run((ctx) =>
      ctx.db.insert("memberships", { organizationId, userId: member.userId, role: "member" }),
    );
    await expect(
      member.as.mutation(api.private.widgetIdentity.rotateSecret, { organizationId }),
    ).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
    expect(await owner.as.query(api.private.widgetIdentity.status, { organizationId })).toEqual({
      configured: false,
      rotatedAt: null,
    });
  });
});
