import { ChartFigure, WIDE, dayLabel, niceTicks, slotCenter, yScale } from "./chart-frame";

export interface LineSeries {
  label: string;
  /** Tailwind stroke class on a theme colour, e.g. "stroke-primary". */
  stroke: string;
  /** The point's fill, same colour. */
  fill: string;
  swatch: string;
  /** Told apart by more than colour. */
  dashed?: boolean;
}

/** Values per day as lines with a point per day; a day without a value breaks the line. */
export function LineChart({
  label,
  caption,
  yTitle,
  series,
  days,
  format,
  formatTick = format,
  testId,
  width = WIDE,
}: {
  label: string;
  caption: string;
  yTitle: string;
  series: LineSeries[];
  /** One entry per day, `values` in the order of `series`; null where the day has no sample. */
  days: { day: number; values: (number | null)[] }[];
  format: (value: number) => string;
  /** The y axis's labels, shorter than `format` when the axis title gives the unit. */
  formatTick?: (value: number) => string;
  testId: string;
  width?: number;
}) {
  const all = days.flatMap((d) => d.values.filter((value): value is number => value !== null));
  const ticks = niceTicks(Math.max(0, ...all));
  const y = yScale(ticks);
  const x = (index: number) => slotCenter(index, days.length, width);

  return (
    <ChartFigure
      frame={{ label, width, days: days.map((d) => d.day), ticks, yTitle, formatTick, testId }}
      legend={series.map((s) => ({ label: s.label, swatch: s.swatch }))}
      table={{
        caption,
        columns: series.map((s) => s.label),
        rows: days.map((d) => ({
          day: d.day,
          cells: d.values.map((value) => (value === null ? "no answers" : format(value))),
        })),
      }}
    >
      {series.map((s, i) => {
        // "M" starts a segment after each gap, so a day without answers is not drawn as a slope.
        let path = "";
        let drawing = false;
        days.forEach((d, index) => {
          const value = d.values[i];
          if (value === null || value === undefined) {
            drawing = false;
            return;
          }
          path += `${drawing ? "L" : "M"}${x(index).toFixed(1)} ${y(value).toFixed(1)} `;
          drawing = true;
        });
        return (
          <g key={s.label}>
            <path
              d={path.trim()}
              fill="none"
              strokeWidth={2}
              strokeLinejoin="round"
              strokeDasharray={s.dashed ? "5 4" : undefined}
              className={s.stroke}
            />
            {days.map((d, index) => {
              const value = d.values[i];
              if (value === null || value === undefined) return null;
              return (
                <circle key={d.day} cx={x(index)} cy={y(value)} r={3.5} className={`${s.fill} stroke-card`}>
                  <title>{`${dayLabel(d.day)}, ${s.label}: ${format(value)}`}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
