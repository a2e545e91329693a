import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// A step cut off by a crash or a deploy leaves its job "running" and silent: schedule it again.
crons.interval("resume stalled ingestion", { minutes: 1 }, internal.system.ingestion.resumeStalled, {});
// Keep ingested rows fresh: unchanged rows cost a hash comparison, not an embedding.
crons.daily(
  "re-sync ingested databases",
  { hourUTC: 3, minuteUTC: 0 },
  internal.system.ingestionJobs.resyncAll,
  {},
);
// Expired client tokens and sign-in back-off rows quiet for a day (system/expiredClients.ts).
crons.hourly("purge expired clients", { minuteUTC: 17 }, internal.system.expiredClients.purge, {});
// Idempotent API responses past their 24 h (system/apiKeys.ts).
crons.hourly(
  "purge idempotent API responses",
  { minuteUTC: 41 },
  internal.system.apiKeys.purgeIdempotency,
  {},
);
// Webhook deliveries whose scheduled attempt was lost to a restart (system/webhooks.ts).
crons.interval("re-arm lost webhook deliveries", { minutes: 1 }, internal.system.webhooks.sweep, {});

export default crons;
