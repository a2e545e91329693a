"use client";

import { useConvexAuth } from "convex/react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ShellSkeleton } from "@/components/auth-gate";

/** `/`: the Overview when signed in (the shell sends new users to onboarding), else sign-in. */
export default function Home() {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const router = useRouter();
  useEffect(() => {
    if (!isLoading) router.replace(isAuthenticated ? "/overview" : "/sign-in");
  }, [isLoading, isAuthenticated, router]);
  return <ShellSkeleton />;
}
