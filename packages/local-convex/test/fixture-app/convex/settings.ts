import { v } from "convex/values";
import { internalQuery } from "./_generated/server";

/** Reads a deployment environment variable (set with `local-convex env set GREETING ...`). */
export const greeting = internalQuery({
  args: {},
  returns: v.union(v.string(), v.null()),
  handler: () => {
    console.log("reading GREETING");
    return Promise.resolve(process.env.GREETING ?? null);
  },
});
