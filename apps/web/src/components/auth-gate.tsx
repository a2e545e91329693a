"use client";

import { useConvexAuth } from "convex/react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { Skeleton } from "@answerbase/ui/skeleton";

/** Renders children once signed in; otherwise sends the visitor to /sign-in and back afterwards. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { isLoading, isAuthenticated } = useConvexAuth();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (!isLoading && !isAuthenticated) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [isLoading, isAuthenticated, pathname, router]);
  if (isLoading || !isAuthenticated) return <ShellSkeleton />;
  return children;
}

export function ShellSkeleton() {
  return (
    <div className="flex min-h-screen" data-testid="shell-loading">
      <div className="hidden w-60 border-r p-4 md:block">
        <Skeleton className="h-8 w-full" />
        <div className="mt-6 grid gap-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-7 w-full" />
          ))}
        </div>
      </div>
      <div className="flex-1 p-8">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="mt-6 h-48 w-full" />
      </div>
    </div>
  );
}
