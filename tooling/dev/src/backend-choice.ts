/** Which Convex backend `pnpm dev` runs: a real deployment through `convex dev`, or local-convex. */
export type BackendChoice =
  { kind: "convex"; variable: "CONVEX_DEPLOYMENT" | "CONVEX_URL"; value: string } | { kind: "local" };

/**
 * A configured Convex deployment (what `npx convex dev` writes to .env.local, or a self-hosted URL)
 * wins: the developer asked for the real thing, so nothing local is started. Blank values count as
 * unset, so an emptied line in .env does not switch.
 */
export function chooseBackend(env: NodeJS.ProcessEnv): BackendChoice {
  for (const variable of ["CONVEX_DEPLOYMENT", "CONVEX_URL"] as const) {
    const value = env[variable]?.trim();
    if (value) return { kind: "convex", variable, value };
  }
  return { kind: "local" };
}

/** The one line `pnpm dev` prints before handing over to `convex dev`. */
export function describeConvexChoice(choice: Extract<BackendChoice, { kind: "convex" }>): string {
  return (
    `${choice.variable} is set (${choice.value}): running \`npx convex dev\` in packages/backend ` +
    "against that deployment; the local database, cloud and local-convex are not started."
  );
}
