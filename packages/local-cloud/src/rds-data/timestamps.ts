const TIMESTAMPTZ =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/**
 * The Data API returns `timestamp with time zone` in UTC without an offset
 * (`2026-01-05 10:00:00`, fractions kept: `2026-01-05 10:00:00.5`). Postgres writes it in the
 * session's TimeZone with an offset (`2026-01-05 11:00:00+01`), so the offset is applied here,
 * to the second, keeping the microsecond digits as text. Values it cannot shift (infinity, BC
 * dates) are returned as Postgres wrote them.
 */
export function utcTimestamp(text: string): string {
  const match = TIMESTAMPTZ.exec(text);
  if (!match) return text;
  const [
    ,
    year,
    month,
    day,
    hour,
    minute,
    second,
    fraction = "",
    sign,
    offsetHours,
    offsetMinutes = "0",
    offsetSeconds = "0",
  ] = match;
  const offset =
    (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60 + Number(offsetSeconds)) *
    (sign === "-" ? -1 : 1);
  if (offset === 0) return text.slice(0, text.lastIndexOf(sign ?? "+"));
  const wall = new Date(0);
  wall.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  wall.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const utc = new Date(wall.getTime() - offset * 1000);
  if (utc.getUTCFullYear() < 1) return text;
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return (
    `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())} ` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}${fraction}`
  );
}
