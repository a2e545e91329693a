/*
 * When a question is about: "my next appointment", "the last invoice", "anything today", "this month",
 * "on the 14th", "my Tuesday class". Read from the words alone (English, German, Spanish, French) and
 * turned into dates with the clock the caller gives, so the same question at the same instant always
 * reads the same way. Nothing here knows a table: `plan.ts` applies the frame to a table's date column.
 */

export type TimeFrame =
  /** Rows from now on, soonest first ("next", "upcoming", "coming up"). */
  | { kind: "upcoming" }
  /** Rows before now, most recent first ("last", "previous", "most recent"). */
  | { kind: "past" }
  /** Every row, newest first ("latest", "newest"): the latest invoice may be dated tomorrow. */
  | { kind: "latest" }
  /** Days `from` (inclusive) to `to` (exclusive), `YYYY-MM-DD` in the caller's time zone. */
  | { kind: "days"; from: string; to: string; label: string }
  /** A day of the week, 1 = Monday … 7 = Sunday (ISO), any week ("my Tuesday class"). */
  | { kind: "weekday"; isoDay: number; label: string };

export interface Clock {
  /** Milliseconds since the epoch. */
  now: number;
  /** IANA name, e.g. "Europe/London"; the organization's, UTC by default. */
  timeZone: string;
}

const words = (list: string) => list.split(" ");
const UPCOMING = words(
  "next upcoming coming future soon scheduled nächste nächster nächsten nächstes kommende próxima próximo próximas próximos prochain prochaine prochains prochaines",
);
const PAST = words(
  "last previous letzte letzter letzten vorige vorherige última último últimas últimos anterior dernier dernière derniers dernières précédent précédente",
);
const LATEST = words("latest newest neueste neuester neuesten");
const WEEKDAYS: Record<string, number> = {};
[
  "monday tuesday wednesday thursday friday saturday sunday",
  "montag dienstag mittwoch donnerstag freitag samstag sonntag",
  "lunes martes miércoles jueves viernes sábado domingo",
  "lundi mardi mercredi jeudi vendredi samedi dimanche",
].forEach((line) => line.split(" ").forEach((name, index) => (WEEKDAYS[name] = index + 1)));

type Relative = { days: number } | { unit: "week" | "month"; offset: number };
const RELATIVE: [RegExp, Relative, string][] = [
  [/\b(today|tonight|heute|hoy|aujourd'hui)\b/u, { days: 0 }, "today"],
  [/\b(tomorrow|morgen|mañana|demain)\b/u, { days: 1 }, "tomorrow"],
  [/\b(yesterday|gestern|ayer|hier)\b/u, { days: -1 }, "yesterday"],
  [
    /\bthis week\b|\bdiese woche\b|\besta semana\b|\bcette semaine\b/u,
    { unit: "week", offset: 0 },
    "this week",
  ],
  [
    /\bnext week\b|\bnächste woche\b|\bla semana que viene\b|\bsemaine prochaine\b/u,
    { unit: "week", offset: 1 },
    "next week",
  ],
  [
    /\blast week\b|\bletzte woche\b|\bla semana pasada\b|\bsemaine dernière\b/u,
    { unit: "week", offset: -1 },
    "last week",
  ],
  [/\bthis month\b|\bdiesen monat\b|\beste mes\b|\bce mois\b/u, { unit: "month", offset: 0 }, "this month"],
  [
    /\bnext month\b|\bnächsten monat\b|\bel mes que viene\b|\bmois prochain\b/u,
    { unit: "month", offset: 1 },
    "next month",
  ],
  [
    /\blast month\b|\bletzten monat\b|\bel mes pasado\b|\bmois dernier\b/u,
    { unit: "month", offset: -1 },
    "last month",
  ],
];
/** "on the 14th", "the 3rd": a day of the month with no month named. */
const DAY_OF_MONTH = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/u;
const DAY_MS = 86_400_000;

/** The frame the question's words give, or null when they say nothing about when. */
export function readTimeFrame(question: string, clock: Clock): TimeFrame | null {
  const text = question.toLowerCase();
  const today = localDay(clock);
  for (const [pattern, relative, label] of RELATIVE) {
    if (pattern.test(text)) return { kind: "days", ...rangeOf(today, relative), label };
  }
  const dayOfMonth = DAY_OF_MONTH.exec(text);
  if (dayOfMonth !== null) {
    const day = nextDayOfMonth(today, Number(dayOfMonth[1]));
    if (day !== null) return { kind: "days", from: day, to: addDays(day, 1), label: `on ${day}` };
  }
  const tokens = text.split(/[^\p{L}'-]+/u);
  const weekday = tokens.find((token) => WEEKDAYS[token] !== undefined);
  const upcoming = tokens.some((token) => UPCOMING.includes(token)) || /\bcoming up\b/.test(text);
  if (weekday !== undefined) {
    const isoDay = WEEKDAYS[weekday]!;
    // "next Tuesday", "this Tuesday": one day; "my Tuesday class": that weekday in any week.
    if (upcoming || /\bthis\b/.test(text)) {
      const day = nextWeekday(today, isoDay);
      return { kind: "days", from: day, to: addDays(day, 1), label: `${weekday} ${day}` };
    }
    return { kind: "weekday", isoDay, label: weekday };
  }
  if (tokens.some((token) => LATEST.includes(token)) || /\bmost recent(ly)?\b/.test(text))
    return { kind: "latest" };
  if (upcoming) return { kind: "upcoming" };
  // "past due" is a status, not a time.
  if (tokens.some((token) => PAST.includes(token)) || /\bpast(?![ _-]?due)\b/.test(text))
    return { kind: "past" };
  return null;
}

/** The words a frame was read from: they say when, not what (no table or value is looked up by them). */
export function isTimeWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    UPCOMING.includes(lower) ||
    PAST.includes(lower) ||
    LATEST.includes(lower) ||
    WEEKDAYS[lower] !== undefined ||
    TIME_WORDS.includes(lower)
  );
}
const TIME_WORDS = words(
  "today tonight tomorrow yesterday week month year past recent most heute morgen gestern hoy mañana ayer aujourd'hui demain hier semana mes semaine mois woche monat",
);

/** Today's date where the organization is, `YYYY-MM-DD`. */
export function localDay(clock: Clock): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: clock.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(clock.now));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function rangeOf(today: string, relative: Relative): { from: string; to: string } {
  if ("days" in relative) {
    const day = addDays(today, relative.days);
    return { from: day, to: addDays(day, 1) };
  }
  if (relative.unit === "week") {
    const isoDay = isoWeekday(today);
    const monday = addDays(today, 1 - isoDay + 7 * relative.offset);
    return { from: monday, to: addDays(monday, 7) };
  }
  const [year, month] = today.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 + relative.offset, 1));
  const next = new Date(Date.UTC(year, month + relative.offset, 1));
  return { from: first.toISOString().slice(0, 10), to: next.toISOString().slice(0, 10) };
}

function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function nextWeekday(today: string, isoDay: number): string {
  return addDays(today, (isoDay - isoWeekday(today) + 7) % 7);
}

/** The first day `dayOfMonth` from today on (this month's, else the next month that has it). */
function nextDayOfMonth(today: string, dayOfMonth: number): string | null {
  if (dayOfMonth < 1 || dayOfMonth > 31) return null;
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  for (let offset = day <= dayOfMonth ? 0 : 1; offset < 3; offset++) {
    const candidate = new Date(Date.UTC(year, month - 1 + offset, dayOfMonth));
    if (candidate.getUTCDate() === dayOfMonth) return candidate.toISOString().slice(0, 10);
  }
  return null;
}
