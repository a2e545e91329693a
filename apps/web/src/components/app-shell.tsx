"use client";

import { api } from "@answerbase/backend/api";
import { useQuery } from "convex/react";
import {
  BadgeCheckIcon,
  BracesIcon,
  DatabaseIcon,
  FlaskConicalIcon,
  FileQuestionIcon,
  InboxIcon,
  LayoutDashboardIcon,
  LibraryIcon,
  MessageCircleIcon,
  PanelLeftCloseIcon,
  PanelLeftOpenIcon,
  ScrollTextIcon,
  SquareTerminalIcon,
  UsersIcon,
  WebhookIcon,
  ZapIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { cn } from "@answerbase/ui/lib/utils";
import { ThemeToggle } from "@answerbase/ui/theme";
import { ShellSkeleton } from "@/components/auth-gate";
import { Brand } from "@/components/brand";
import { PendingApprovalsBadge } from "@/components/approvals/pending-badge";
import { ErrorBoundary } from "@/components/error-boundary";
import { EscalationNotifier } from "@/components/notifications/escalation-notifier";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import { OrganizationSwitcher } from "@/components/organization-switcher";
import { UserMenu } from "@/components/user-menu";
import { OrganizationContext } from "@/lib/organization";

/** The pages this dashboard has today; others join the list when they exist. */
const NAV = [
  { href: "/overview", label: "Overview", icon: LayoutDashboardIcon },
  { href: "/conversations", label: "Conversations", icon: InboxIcon },
  { href: "/approvals", label: "Approvals", icon: BadgeCheckIcon },
  { href: "/playground", label: "Playground", icon: FlaskConicalIcon },
  { href: "/database", label: "Database", icon: DatabaseIcon },
  { href: "/sql", label: "SQL", icon: SquareTerminalIcon },
  { href: "/actions", label: "Actions", icon: ZapIcon },
  { href: "/knowledge", label: "Knowledge", icon: LibraryIcon },
  { href: "/gaps", label: "Content gaps", icon: FileQuestionIcon },
  { href: "/widget", label: "Widget", icon: MessageCircleIcon },
  { href: "/members", label: "Members", icon: UsersIcon },
  { href: "/audit", label: "Audit log", icon: ScrollTextIcon },
  { href: "/api", label: "API", icon: BracesIcon },
  { href: "/webhooks", label: "Webhooks", icon: WebhookIcon },
] as const;

/*
 * Below 1100 px (a 1024 px laptop) the sidebar is a rail of icons, so the page keeps its width; the
 * toggle at its top opens the full sidebar over the page, and choosing a page closes it again.
 */
const RAIL = "max-[1099px]:hidden";

export function AppShell({ children }: { children: ReactNode }) {
  const mine = useQuery(api.private.organizations.listMine);
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const active = mine?.organizations.find((o) => o.organizationId === mine.activeOrganizationId);
  // Choosing a page closes the opened sidebar (a no-op at full width, where it never opens).
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", closeOnEscape);
    return () => window.removeEventListener("keydown", closeOnEscape);
  }, [open]);
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
        {/* Holds the rail's width while the opened sidebar lies over the page. */}
        <div className="w-14 shrink-0 min-[1100px]:w-60">
          {open && (
            <div
              aria-hidden
              className="fixed inset-0 z-30 bg-black/40 min-[1100px]:hidden"
              onClick={() => setOpen(false)}
            />
          )}
          <aside
            data-testid="sidebar"
            data-open={open}
            className={cn(
              "sticky top-0 flex h-screen flex-col gap-4 border-r bg-sidebar p-3 min-[1100px]:w-60",
              open
                ? "max-[1099px]:fixed max-[1099px]:z-40 max-[1099px]:w-60 max-[1099px]:shadow-lg"
                : "w-14 max-[1099px]:px-2",
            )}
          >
            <div className="flex items-center justify-between gap-2 pt-1 min-[1100px]:px-2">
              <span className={cn(!open && RAIL)}>
                <Brand />
              </span>
              <button
                type="button"
                onClick={() => setOpen(!open)}
                aria-expanded={open}
                aria-label={open ? "Close the menu" : "Open the menu"}
                title={open ? "Close the menu" : "Open the menu"}
                data-testid="sidebar-toggle"
                className="flex size-9 items-center justify-center rounded-md text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50 min-[1100px]:hidden"
              >
                {open ? <PanelLeftCloseIcon className="size-4" /> : <PanelLeftOpenIcon className="size-4" />}
              </button>
            </div>
            <div className={cn(!open && RAIL)}>
              <OrganizationSwitcher organizations={mine.organizations} active={active} />
            </div>
            <nav className="grid gap-0.5" aria-label="Main">
              {NAV.map(({ href, label, icon: Icon }) => {
                const current = pathname === href || pathname.startsWith(`${href}/`);
                return (
                  <Link
                    key={href}
                    href={href}
                    aria-current={current ? "page" : undefined}
                    title={label}
                    data-testid={`nav-${href.slice(1)}`}
                    className={cn(
                      "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                      !open && "max-[1099px]:justify-center max-[1099px]:py-2.5",
                      current && "bg-accent font-medium text-foreground",
                    )}
                  >
                    <Icon className="size-4 shrink-0" />
                    {/* Hidden from the eye only: the rail's links keep their names for screen readers. */}
                    <span className={cn("truncate", !open && "max-[1099px]:sr-only")}>{label}</span>
                    {href === "/conversations" && <UnreadBadge />}
                    {href === "/approvals" && <PendingApprovalsBadge />}
                  </Link>
                );
              })}
            </nav>
            <div
              className={cn(
                "mt-auto flex items-center gap-1 border-t pt-3",
                !open && "max-[1099px]:flex-col",
              )}
            >
              <div className={cn("flex min-w-0 flex-1", !open && RAIL)}>
                <UserMenu />
              </div>
              <EscalationNotifier />
              <ThemeToggle />
            </div>
          </aside>
        </div>
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
