"use node";

import { v } from "convex/values";
import { adminAction } from "../lib/functions";
import type { Member } from "../organizations/roles";
import { cancelConsoleRun, runConsolePage } from "../sqlConsole/run";
import { vConsolePage, vConsoleRequest } from "../sqlConsole/validators";

/* The SQL page's actions (admins only). Node: the drivers speak TCP and the AWS SDK. */

const acting = (member: Member) => ({
  organizationId: member.organizationId,
  userId: member.userId,
  actor: { kind: "member" as const, userId: member.userId },
});

/** One page of a read-only statement (or its EXPLAIN plan); the database's error, with position, on failure. */
export const run = adminAction({
  args: vConsoleRequest,
  returns: vConsolePage,
  handler: (ctx, request) => runConsolePage(ctx, acting(ctx.member), request),
});

/** Stops the run `runId` if it is still running; Aurora and the Redshift Data API answer `unsupported`. */
export const cancel = adminAction({
  args: { runId: v.string() },
  returns: v.boolean(),
  handler: (ctx, { runId }) => cancelConsoleRun(ctx, acting(ctx.member), runId),
});
