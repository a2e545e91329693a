/* Organizations and their members: names the backend accepts and the roles it knows. */

export const ORGANIZATION_NAME_LENGTH = { min: 2, max: 80 } as const;

/** Strongest first: an owner may do all an admin may, an admin all a member may. */
export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];
