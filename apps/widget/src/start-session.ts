import { api } from "@answerbase/backend/api";
import type { Id } from "@answerbase/backend/dataModel";
import type { ConvexReactClient } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";

type StartArgs = Omit<
  FunctionArgs<typeof api.public.contactSessions.start>,
  "organizationId" | "clientToken"
>;
export type StartSession = (
  args: StartArgs,
) => Promise<FunctionReturnType<typeof api.public.contactSessions.start>>;

/*
 * Sessions start with this browser's widget client token, so the backend counts this visitor's starts
 * and messages on their own instead of against everyone's shared budget (a flooding visitor exhausts
 * only their own). The token comes from `POST <site>/widget/clients` once and is kept in localStorage
 * when the browser allows it; if it cannot be had (no site URL, blocked, limited), the session still
 * starts, under the organization's small shared bucket.
 */

function storageFor(organizationId: string) {
  const key = `answerbase:client:${organizationId}`;
  try {
    const storage = window.localStorage;
    return {
      get: () => storage.getItem(key),
      set: (value: string) => storage.setItem(key, value),
      clear: () => storage.removeItem(key),
    };
  } catch {
    let value: string | null = null; // storage blocked (third-party iframe): this page view only
    return { get: () => value, set: (next: string) => (value = next), clear: () => (value = null) };
  }
}

async function mintClientToken(siteUrl: string, organizationId: string): Promise<string | undefined> {
  const response = await fetch(`${siteUrl}/widget/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organizationId }),
  });
  if (!response.ok) return undefined;
  const { clientToken } = (await response.json()) as { clientToken?: unknown };
  return typeof clientToken === "string" ? clientToken : undefined;
}

function refusedClientToken(error: unknown): boolean {
  const data = error instanceof ConvexError ? (error.data as { fields?: { field?: string }[] } | null) : null;
  return data?.fields?.some((field) => field.field === "clientToken") ?? false;
}

export function createSessionStarter(
  client: ConvexReactClient,
  organizationId: Id<"organizations">,
  siteUrl: string | null,
): StartSession {
  const stored = storageFor(organizationId);
  const clientToken = async (): Promise<string | undefined> => {
    const kept = stored.get();
    if (kept !== null) return kept;
    if (siteUrl === null) return undefined;
    const minted = await mintClientToken(siteUrl, organizationId).catch(() => undefined);
    if (minted !== undefined) stored.set(minted);
    return minted;
  };
  const start = async (args: StartArgs, token: string | undefined) =>
    await client.mutation(api.public.contactSessions.start, {
      ...args,
      organizationId,
      ...(token === undefined ? {} : { clientToken: token }),
    });
  return async (args) => {
    const token = await clientToken();
    try {
      return await start(args, token);
    } catch (error) {
      if (token === undefined || !refusedClientToken(error)) throw error;
      stored.clear(); // expired or from another deployment: mint a new one, once
      return await start(args, await clientToken());
    }
  };
}
