import { ConvexError } from "convex/values";
import { readConvexUrl } from "@/lib/env";

/*
 * This browser's dashboard client token: minted once by `POST <Convex site>/dashboard/clients`, kept in
 * localStorage and sent with every sign-in and sign-up (`clientToken`). The backend backs sign-in
 * failures off per account *and* client, and a browser that signed in to an account before is slowed
 * only by its own failures, so nobody failing elsewhere keeps its owner out. Without a token (no site
 * URL, storage blocked, minting refused) the form still works, as an unknown client.
 */

const STORAGE_KEY = "answerbase:dashboard-client";

/**
 * Where the deployment's HTTP actions answer, read on the server at request time: CONVEX_SITE_URL or
 * NEXT_PUBLIC_CONVEX_SITE_URL, else derived from the Convex URL (`x.convex.cloud` → `x.convex.site`;
 * `pnpm dev`'s default `127.0.0.1:3210` → `:3211`), else null.
 */
export function readConvexSiteUrl(env: Record<string, string | undefined> = process.env): string | null {
  for (const name of ["CONVEX_SITE_URL", "NEXT_PUBLIC_CONVEX_SITE_URL"]) {
    const value = env[name]?.trim();
    if (value !== undefined && /^https?:\/\/\S+$/.test(value)) return value.replace(/\/+$/, "");
  }
  const convexUrl = readConvexUrl(env).replace(/\/+$/, "");
  if (/\.convex\.cloud$/.test(convexUrl)) return convexUrl.replace(/\.convex\.cloud$/, ".convex.site");
  if (/^http:\/\/(127\.0\.0\.1|localhost):3210$/.test(convexUrl)) return convexUrl.replace(/:3210$/, ":3211");
  return null;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function mint(siteUrl: string): Promise<string | undefined> {
  const response = await fetch(`${siteUrl}/dashboard/clients`, { method: "POST" });
  if (!response.ok) return undefined;
  const { clientToken } = (await response.json()) as { clientToken?: unknown };
  return typeof clientToken === "string" ? clientToken : undefined;
}

/** The kept token, or a new one (kept when the browser allows), or undefined when none can be had. */
export async function dashboardClientToken(siteUrl: string | null): Promise<string | undefined> {
  const kept = storage()?.getItem(STORAGE_KEY);
  if (kept) return kept;
  if (siteUrl === null) return undefined;
  const minted = await mint(siteUrl).catch(() => undefined);
  if (minted !== undefined) storage()?.setItem(STORAGE_KEY, minted);
  return minted;
}

/** Drops the kept token (the backend refused it: expired, or another deployment's). */
export function forgetDashboardClientToken(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/** Whether the backend refused the client token itself (then mint a new one and try once more). */
export function refusedClientToken(error: unknown): boolean {
  const data = error instanceof ConvexError ? (error.data as { fields?: { field?: string }[] } | null) : null;
  return data?.fields?.some((field) => field.field === "clientToken") ?? false;
}

/** How long a `rate_limited` answer asks to wait, or null. */
export function retryAfterMs(error: unknown): number | null {
  const data =
    error instanceof ConvexError ? (error.data as { code?: unknown; retryAfterMs?: unknown }) : null;
  return data?.code === "rate_limited" && typeof data.retryAfterMs === "number" ? data.retryAfterMs : null;
}
