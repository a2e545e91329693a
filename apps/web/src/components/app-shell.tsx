"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import {
  DatabaseIcon,
  FlaskConicalIcon,
  InboxIcon,
  LayoutDashboardIcon,
  LibraryIcon,
  MessageCircleIcon,
  ScrollTextIcon,
  UsersIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, type ReactNode } from "react";
import { cn } from "@answerbase/ui/lib/utils";
import { ThemeToggle } from "@answerbase/ui/theme";
import { ShellSkeleton } from "@/components/auth-gate";
import { Brand } from "@/components/brand";
import { ErrorBoundary } from "@/components/error-boundary";
import { OrganizationSwitcher } from "@/components/organization-switcher";
import { UserMenu } from "@/components/user-menu";
import { OrganizationContext } from "@/lib/organization";

/** The pages this dashboard has today; others join the list when they exist. */
const NAV = [
  { href: "/overview", label: "Overview", icon: LayoutDashboardIcon },
  { href: "/conversations", label: "Conversations", icon: InboxIcon },
  { href: "/playground", label: "Playground", icon: FlaskConicalIcon },
  { href: "/database", label: "Database", icon: DatabaseIcon },
  { href: "/knowledge", label: "Knowledge", icon: LibraryIcon },
  { href: "/widget", label: "Widget", icon: MessageCircleIcon },
  { href: "/members", label: "Members", icon: UsersIcon },
  { href: "/audit", label: "Audit log", icon: ScrollTextIcon },
] as const;

export function AppShell({ children }: { children: ReactNode }) {
  const mine = useQuery(api.private.organizations.listMine);
  const router = useRouter();
  const pathname = usePathname();
  const active = mine?.organizations.find((o) => o.organizationId === mine.activeOrganizationId);
  useEffect(() => {
    if (mine !== undefined && mine.organizations.length === 0) router.replace("/onboarding");
  }, [mine, router]);
  const context = useMemo(
    () =>
      active === undefined
        ? null
        : { ...active, isAdmin: active.role === "owner" || active.role === "admin" },
    [active],
  );
  if (mine === undefined || active === undefined || context === null) return <ShellSkeleton />;

  return (
    <OrganizationContext.Provider value={context}>
      <div className="flex min-h-screen">
        <aside className="sticky top-0 flex h-screen w-60 shrink-0 flex-col gap-4 border-r bg-sidebar p-3">
          <div className="px-2 pt-1">
            <Brand />
          </div>
          <OrganizationSwitcher organizations={mine.organizations} active={active} />
          <nav className="grid gap-0.5" aria-label="Main">
            {NAV.map(({ href, label, icon: Icon }) => {
              const current = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <Link
                  key={href}
                  href={href}
                  aria-current={current ? "page" : undefined}
                  data-testid={`nav-${href.slice(1)}`}
                  className={cn(
                    "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    current && "bg-accent font-medium text-foreground",
                  )}
                >
                  <Icon className="size-4" />
                  {label}
                </Link>
              );
            })}
          </nav>
          <div className="mt-auto flex items-center gap-1 border-t pt-3">
            <UserMenu />
            <ThemeToggle />
          </div>
        </aside>
        <main className="min-w-0 flex-1 px-8 py-6">
          {/* Keyed by organization: switching drops every page state of the previous one. */}
          <div key={context.organizationId} className="mx-auto grid max-w-7xl gap-6">
            <ErrorBoundary title="This page could not be shown">{children}</ErrorBoundary>
          </div>
        </main>
      </div>
    </OrganizationContext.Provider>
  );
}
