// Sign-in with Convex Auth's password provider, organizations, roles, invitations by link, switching.
import { startTestCloud, type TestCloud } from "@answerbase/local-cloud/testing";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../convex/_generated/api.js";
import { startBackend, createUser, deploymentEnv, type Backend } from "./support/backend.ts";

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, await deploymentEnv(cloud, "encrypted_table"));
});
afterAll(() => cloud?.stop());

async function signIn(t: Backend, flow: "signUp" | "signIn", email: string, password: string) {
  const result = await t.action(api.auth.signIn, { provider: "password", params: { email, password, flow } });
  const token = (result as { tokens?: { token: string } | null }).tokens?.token;
  if (!token) throw new Error("no token");
  // The deployment verifies this JWT (auth.config.ts); here its subject becomes the identity.
  const claims = decodeJwt(token);
  return t.withIdentity({
    subject: claims.sub!,
    issuer: claims.iss!,
    tokenIdentifier: `${claims.iss}|${claims.sub}`,
  });
}

describe("sign-in", () => {
  it("signs up, signs in, and refuses a wrong password", async () => {
    const t = await startBackend();
    const first = await signIn(t, "signUp", "Ada@Shop.test", "correct horse");
    expect(await first.query(api.private.organizations.viewer, {})).toMatchObject({ email: "ada@shop.test" });
    const again = await signIn(t, "signIn", "ada@shop.test", "correct horse");
    expect((await again.query(api.private.organizations.viewer, {}))?.email).toBe("ada@shop.test");
    await expect(signIn(t, "signIn", "ada@shop.test", "wrong password")).rejects.toThrow(
      /InvalidSecret|Invalid/,
    );
    await expect(signIn(t, "signUp", "bob@shop.test", "short")).rejects.toMatchObject({
      data: { code: "invalid_input", message: expect.stringMatching(/8 characters/) },
    });
    expect(await t.query(api.private.organizations.viewer, {})).toBeNull();
  });
});

describe("organizations", () => {
  it("the creator is owner, and switching is remembered", async () => {
    const t = await startBackend();
    const ada = await createUser(t, "ada@shop.test");
    const shop = await ada.as.mutation(api.private.organizations.create, { name: "  Brightside  " });
    const lab = await ada.as.mutation(api.private.organizations.create, { name: "Lab" });
    let mine = await ada.as.query(api.private.organizations.listMine, {});
    expect(mine.organizations.map((o) => [o.name, o.role])).toEqual([
      ["Brightside", "owner"],
      ["Lab", "owner"],
    ]);
    expect(mine.activeOrganizationId).toBe(lab);
    await ada.as.mutation(api.private.organizations.switchTo, { organizationId: shop });
    mine = await ada.as.query(api.private.organizations.listMine, {});
    expect(mine.activeOrganizationId).toBe(shop);
    await expect(ada.as.mutation(api.private.organizations.create, { name: "x" })).rejects.toMatchObject({
      data: { code: "invalid_input", fields: [{ field: "name" }] },
    });
  });

  it("invitations by link: join with the role, once, until revoked or expired", async () => {
    const t = await startBackend();
    const ada = await createUser(t, "ada@shop.test");
    const bob = await createUser(t, "bob@shop.test");
    const carol = await createUser(t, "carol@shop.test");
    const organizationId = await ada.as.mutation(api.private.organizations.create, { name: "Brightside" });

    const invite = await ada.as.mutation(api.private.invitations.create, { organizationId, role: "admin" });
    const stored = await t.run((ctx) => ctx.db.get(invite.invitationId));
    expect(JSON.stringify(stored)).not.toContain(invite.token); // only the hash is kept
    expect(await bob.as.query(api.private.invitations.preview, { token: invite.token })).toMatchObject({
      organizationName: "Brightside",
      role: "admin",
    });
    expect(await bob.as.mutation(api.private.invitations.accept, { token: invite.token })).toBe(
      organizationId,
    );
    const members = await ada.as.query(api.private.members.list, { organizationId });
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["ada@shop.test", "owner"],
      ["bob@shop.test", "admin"],
    ]);
    await expect(
      carol.as.mutation(api.private.invitations.accept, { token: invite.token }),
    ).rejects.toMatchObject({
      data: { code: "invitation_invalid", message: expect.stringMatching(/already been used/) },
    });
    await expect(
      carol.as.mutation(api.private.invitations.accept, { token: "forged" }),
    ).rejects.toMatchObject({
      data: { code: "invitation_invalid" },
    });

    const revoked = await ada.as.mutation(api.private.invitations.create, { organizationId, role: "member" });
    await ada.as.mutation(api.private.invitations.revoke, {
      organizationId,
      invitationId: revoked.invitationId,
    });
    await expect(
      carol.as.mutation(api.private.invitations.accept, { token: revoked.token }),
    ).rejects.toMatchObject({
      data: { code: "invitation_invalid", message: expect.stringMatching(/revoked/) },
    });

    const expired = await ada.as.mutation(api.private.invitations.create, { organizationId, role: "member" });
    await t.run((ctx) => ctx.db.patch(expired.invitationId, { expiresAt: Date.now() - 1 }));
    await expect(
      carol.as.mutation(api.private.invitations.accept, { token: expired.token }),
    ).rejects.toMatchObject({
      data: { code: "invitation_invalid", message: expect.stringMatching(/expired/) },
    });
    expect(await ada.as.query(api.private.invitations.listPending, { organizationId })).toEqual([]);
  });

  it("roles: admins manage members, only owners manage owners, the last owner stays", async () => {
    const t = await startBackend();
    const ada = await createUser(t, "ada@shop.test");
    const bob = await createUser(t, "bob@shop.test");
    const organizationId = await ada.as.mutation(api.private.organizations.create, { name: "Brightside" });
    const { token } = await ada.as.mutation(api.private.invitations.create, {
      organizationId,
      role: "admin",
    });
    await bob.as.mutation(api.private.invitations.accept, { token });

    await expect(
      bob.as.mutation(api.private.members.changeRole, { organizationId, userId: bob.userId, role: "owner" }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
    await expect(
      bob.as.mutation(api.private.members.remove, { organizationId, userId: ada.userId }),
    ).rejects.toMatchObject({ data: { code: "forbidden" } });
    await expect(
      ada.as.mutation(api.private.members.changeRole, { organizationId, userId: ada.userId, role: "admin" }),
    ).rejects.toMatchObject({ data: { code: "last_owner" } });
    await expect(ada.as.mutation(api.private.members.leave, { organizationId })).rejects.toMatchObject({
      data: { code: "last_owner" },
    });

    await ada.as.mutation(api.private.members.changeRole, {
      organizationId,
      userId: bob.userId,
      role: "owner",
    });
    await ada.as.mutation(api.private.members.leave, { organizationId });
    expect((await bob.as.query(api.private.members.list, { organizationId })).map((m) => m.role)).toEqual([
      "owner",
    ]);
    await expect(ada.as.query(api.private.members.list, { organizationId })).rejects.toMatchObject({
      data: { code: "forbidden" },
    });
  });
});
