import type { UserIdentity } from "convex/server";

/** A verified token: who it is, and when it stops being valid (ms since epoch). */
export interface VerifiedToken {
  identity: UserIdentity;
  expiresAt: number | null;
}

/** A token that a deployment would reject; `message` is what the client sees in AuthError. */
export class AuthFailure extends Error {
  override readonly name = "AuthFailure";
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

// The UserIdentity fields and the JWT claims they come from, as documented on `UserIdentity`.
const CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
  address: "address",
  updated_at: "updatedAt",
};
const REGISTERED = new Set(["iss", "sub", "aud", "exp", "iat", "nbf", "jti"]);

/** The identity a deployment derives from verified claims (custom claims are passed through). */
export function identityFromClaims(claims: Record<string, unknown>): UserIdentity {
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const identity: Record<string, unknown> = { tokenIdentifier: `${issuer}|${subject}`, subject, issuer };
  for (const [claim, value] of Object.entries(claims)) {
    if (REGISTERED.has(claim)) continue;
    identity[CLAIMS[claim] ?? claim] = value;
  }
  return identity as unknown as UserIdentity;
}
