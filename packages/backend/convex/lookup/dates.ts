/*
 * Dates written in support questions: ISO (2026-11-24, also inside a timestamp), numeric day-first
 * (24/11/2026, 24.11.2026; month-first only when the day cannot be a month: 11/24/2026), and month
 * names in English, German, Spanish and French ("Nov 24", "24th of November", "24. November",
 * "19 de noviembre", "le 3 décembre 2026"). A date without a year is `--MM-DD` (ISO 8601's form):
 * nothing here guesses the year from the clock, so the same question always gives the same entity.
 */

export interface FoundDate {
  /** `YYYY-MM-DD`, or `--MM-DD` when the text gives no year. */
  value: string;
  start: number;
  end: number;
  text: string;
}

const MONTH_NAMES: Record<string, number> = {};
const MONTHS_BY_LANGUAGE = [
  "january february march april may june july august september october november december",
  "januar februar märz april mai juni juli august september oktober november dezember",
  "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
  "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
];
MONTHS_BY_LANGUAGE.forEach((line, language) => {
  line.split(" ").forEach((name, index) => {
    MONTH_NAMES[name] = index + 1;
    // English abbreviations only: "jui" or "ago" would be ambiguous in other languages.
    if (language === 0 && name.length > 3) MONTH_NAMES[name.slice(0, 3)] = index + 1;
  });
});
Object.assign(MONTH_NAMES, { sept: 9, setiembre: 9, jänner: 1, maerz: 3, okt: 10, dez: 12, dic: 12 });

const MONTH = `(${Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join("|")})\\.?`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th|\\.|º)?";
const YEAR = "(?:,?\\s+(\\d{4}))?";

const PATTERNS: { regex: RegExp; parts: (m: RegExpExecArray) => [string?, string?, string?] }[] = [
  // 2026-11-24, 2026-11-24T10:00Z (the time is part of the span)
  {
    regex:
      /\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d:])/g,
    parts: (m) => [m[1], m[2], m[3]],
  },
  // 24.11.2026 (always day first)
  { regex: /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/g, parts: (m) => [m[3], m[2], m[1]] },
  // 24/11/2026 day first, 11/24/2026 month first when the second number cannot be a month
  {
    regex: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
    parts: (m) => (Number(m[2]) > 12 ? [m[3], m[1], m[2]] : [m[3], m[2], m[1]]),
  },
  // Nov 24, November 24th 2026, noviembre 19
  {
    regex: new RegExp(`(?<![\\p{L}])${MONTH}\\s+${DAY}(?![\\p{L}\\d])${YEAR}`, "giu"),
    parts: (m) => [m[3], monthOf(m[1]), m[2]],
  },
  // 24 Nov, 24th of November, 24. November 2026, 19 de noviembre de 2026
  {
    regex: new RegExp(
      `(?<![\\p{L}\\d])${DAY}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])(?:\\s+de)?${YEAR}`,
      "giu",
    ),
    parts: (m) => [m[3], monthOf(m[2]), m[1]],
  },
];

function monthOf(name: string | undefined): string | undefined {
  const month = name === undefined ? undefined : MONTH_NAMES[name.toLowerCase()];
  return month === undefined ? undefined : String(month);
}

function isoDate(year: string | undefined, month: string | undefined, day: string | undefined) {
  if (month === undefined || day === undefined) return null;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const mm = String(m).padStart(2, "0");
  const dd = String(d).padStart(2, "0");
  if (year === undefined) {
    // Any leap year checks a yearless day: 02-29 exists, 02-30 does not.
    return new Date(Date.UTC(2024, m - 1, d)).getUTCDate() === d ? `--${mm}-${dd}` : null;
  }
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${mm}-${dd}`;
}

/** Every date in `text`, earliest first, non-overlapping (the first pattern to claim a span wins). */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const overlaps = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  for (const { regex, parts } of PATTERNS) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const [year, month, day] = parts(m);
      const value = isoDate(year, month, day);
      const start = m.index;
      const end = start + m[0].length;
      if (value !== null && !overlaps(start, end)) found.push({ value, start, end, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
