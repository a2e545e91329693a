"use client";

import { useAuthActions } from "@convex-dev/auth/react";
import { useCallback } from "react";
import { dashboardClientToken, forgetDashboardClientToken, refusedClientToken } from "@/lib/client-token";

/**
 * The password provider's call (sign-in, sign-up, e-mailed codes) with this browser's client token,
 * minted anew once if the backend refuses it. Resolves true when a session started, false when the
 * backend e-mailed a code instead.
 */
export function usePasswordCall(siteUrl: string | null) {
  const { signIn } = useAuthActions();
  return useCallback(
    async (params: Record<string, string>): Promise<boolean> => {
      const attempt = async () => {
        const clientToken = await dashboardClientToken(siteUrl);
        const { signingIn } = await signIn(
          "password",
          clientToken === undefined ? params : { ...params, clientToken },
        );
        return signingIn;
      };
      try {
        return await attempt();
      } catch (error) {
        if (!refusedClientToken(error)) throw error;
        forgetDashboardClientToken();
        return await attempt();
      }
    },
    [signIn, siteUrl],
  );
}
