"use client";

import type { Id } from "@answerbase/backend/dataModel";
import type { Role } from "@answerbase/backend/shared/organizations";
import { createContext, useContext } from "react";

export type { Role };

export interface OrganizationContextValue {
  organizationId: Id<"organizations">;
  name: string;
  role: Role;
  isDemo: boolean;
  /** Admins and owners may change the data source, policies, knowledge and members. */
  isAdmin: boolean;
}

export const OrganizationContext = createContext<OrganizationContextValue | null>(null);

/** The organization the dashboard acts for; only inside the app shell. */
export function useOrganization(): OrganizationContextValue {
  const value = useContext(OrganizationContext);
  if (value === null) throw new Error("useOrganization outside the app shell");
  return value;
}
