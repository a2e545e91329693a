import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../lib/errors";
import { adminMutation, adminQuery, userMutation, userQuery } from "../lib/functions";
import { hashToken, newToken, requireOrganization, setActiveOrganization } from "../organizations/model";
import { invitationFields } from "../organizations/tables";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invitations by link: the admin gets a token once (the dashboard builds `/invite/<token>`), the
 * database keeps only its hash. Anyone signed in who has the link can join with the invited role
 * until it expires, is used or is revoked.
 */
export const create = adminMutation({
  args: { role: invitationFields.role },
  returns: v.object({ invitationId: v.id("invitations"), token: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { role }) => {
    const token = newToken();
    const expiresAt = Date.now() + INVITATION_LIFETIME_MS;
    const invitationId = await ctx.db.insert("invitations", {
      organizationId: ctx.member.organizationId,
      role,
      tokenHash: await hashToken(token),
      invitedBy: ctx.member.userId,
      expiresAt,
      status: { kind: "pending" },
    });
    return { invitationId, token, expiresAt };
  },
});

export const listPending = adminQuery({
  args: {},
  returns: v.array(
    v.object({ invitationId: v.id("invitations"), role: invitationFields.role, expiresAt: v.number() }),
  ),
  handler: async (ctx) => {
    const invitations = await ctx.db
      .query("invitations")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.member.organizationId))
      .collect();
    return invitations
      .filter((i) => i.status.kind === "pending" && i.expiresAt > Date.now())
      .map((i) => ({ invitationId: i._id, role: i.role, expiresAt: i.expiresAt }));
  },
});

export const revoke = adminMutation({
  args: { invitationId: v.id("invitations") },
  returns: v.null(),
  handler: async (ctx, { invitationId }) => {
    const invitation = await ctx.db.get(invitationId);
    if (invitation === null || invitation.organizationId !== ctx.member.organizationId) {
      throw appError("not_found", "No such invitation in this organization.");
    }
    if (invitation.status.kind === "pending") {
      await ctx.db.patch(invitationId, { status: { kind: "revoked", at: Date.now() } });
    }
    return null;
  },
});

async function usableInvitation(ctx: QueryCtx, token: string): Promise<Doc<"invitations">> {
  const tokenHash = await hashToken(token);
  const found = await ctx.db
    .query("invitations")
    .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
    .unique();
  if (found === null) throw appError("invitation_invalid", "This invitation link is not valid.");
  if (found.status.kind === "accepted")
    throw appError("invitation_invalid", "This invitation has already been used.");
  if (found.status.kind === "revoked") throw appError("invitation_invalid", "This invitation was revoked.");
  if (found.expiresAt <= Date.now())
    throw appError("invitation_invalid", "This invitation has expired; ask for a new one.");
  return found;
}

/** What the accept screen shows before joining. */
export const preview = userQuery({
  args: { token: v.string() },
  returns: v.object({ organizationName: v.string(), role: invitationFields.role, expiresAt: v.number() }),
  handler: async (ctx, { token }) => {
    const invitation = await usableInvitation(ctx, token);
    const organization = await requireOrganization(ctx, invitation.organizationId);
    return { organizationName: organization.name, role: invitation.role, expiresAt: invitation.expiresAt };
  },
});

export const accept = userMutation({
  args: { token: v.string() },
  returns: v.id("organizations"),
  handler: async (ctx, { token }) => {
    const invitation = await usableInvitation(ctx, token);
    await requireOrganization(ctx, invitation.organizationId);
    const existing = await ctx.db
      .query("memberships")
      .withIndex("by_organizationId_and_userId", (q) =>
        q.eq("organizationId", invitation.organizationId).eq("userId", ctx.userId),
      )
      .unique();
    // Joining never lowers a role someone already has.
    if (existing === null) {
      await ctx.db.insert("memberships", {
        organizationId: invitation.organizationId,
        userId: ctx.userId,
        role: invitation.role,
      });
    }
    await ctx.db.patch(invitation._id, { status: { kind: "accepted", userId: ctx.userId, at: Date.now() } });
    await setActiveOrganization(ctx, ctx.userId, invitation.organizationId);
    return invitation.organizationId;
  },
});
