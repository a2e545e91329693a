/** A schedule as `cronJobs()` records it (convex/server `Schedule`). */
export type CronSchedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The next run strictly after `after` (ms since epoch, UTC), or null if the schedule never fires. */
export function nextRun(schedule: CronSchedule, after: number): number | null {
  switch (schedule.type) {
    case "interval": {
      const ms =
        ((schedule.hours ?? 0) * 3600 + (schedule.minutes ?? 0) * 60 + (schedule.seconds ?? 0)) * 1000;
      return ms > 0 ? after + ms : null;
    }
    case "hourly":
      return nextCron(`${schedule.minuteUTC ?? 0} * * * *`, after);
    case "daily":
      return nextCron(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`, after);
    case "weekly":
      return nextCron(
        `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${DAYS.indexOf(schedule.dayOfWeek.toLowerCase())}`,
        after,
      );
    case "monthly":
      return nextCron(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`, after);
    case "cron":
      return nextCron(schedule.cron, after);
  }
}

/** Standard 5-field cron (minute hour day-of-month month day-of-week) in UTC: `*`, lists, ranges, steps. */
export function nextCron(expression: string, after: number): number | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Invalid cron expression ${JSON.stringify(expression)}`);
  const [minute, hour, dom, month, dow] = [
    parseField(fields[0]!, 0, 59),
    parseField(fields[1]!, 0, 23),
    parseField(fields[2]!, 1, 31),
    parseField(fields[3]!, 1, 12),
    parseField(fields[4]!.replace(/\b7\b/g, "0"), 0, 6),
  ];
  const domRestricted = fields[2] !== "*";
  const dowRestricted = fields[4] !== "*";
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  // Four years of minutes covers every satisfiable expression (Feb 29 included).
  for (let i = 0; i < 4 * 366 * 24 * 60; i++) {
    const dayOk =
      domRestricted && dowRestricted
        ? dom.has(t.getUTCDate()) || dow.has(t.getUTCDay())
        : dom.has(t.getUTCDate()) && dow.has(t.getUTCDay());
    if (
      month.has(t.getUTCMonth() + 1) &&
      dayOk &&
      hour.has(t.getUTCHours()) &&
      minute.has(t.getUTCMinutes())
    ) {
      return t.getTime();
    }
    t.setTime(t.getTime() + 60_000);
  }
  return null;
}

function parseField(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [range = "*", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === "*"
        ? [min, max]
        : range.includes("-")
          ? range.split("-").map(Number)
          : [Number(range), stepText ? max : Number(range)];
    if (
      !Number.isInteger(from) ||
      !Number.isInteger(to) ||
      !Number.isInteger(step) ||
      step < 1 ||
      from! < min ||
      to! > max
    ) {
      throw new Error(`Invalid cron field ${JSON.stringify(field)}`);
    }
    for (let v = from!; v <= to!; v += step) values.add(v);
  }
  return values;
}
