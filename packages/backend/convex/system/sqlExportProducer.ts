"use node";

import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { produceExport } from "../sqlConsole/exportProducer";

/** Scheduled by `sqlExports.claim` when the browser starts the download. */
export const produce = internalAction({
  args: { exportId: v.id("sqlConsoleExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }) => {
    await produceExport(ctx, exportId);
    return null;
  },
});
