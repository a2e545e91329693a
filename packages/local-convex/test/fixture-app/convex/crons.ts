import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("tick the cron counter", { seconds: 1 }, internal.counters.bumpInternal, {
  name: "cron",
});

export default crons;
