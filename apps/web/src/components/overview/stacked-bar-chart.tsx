import { formatCount } from "@/lib/format";
import {
  ChartFigure,
  PLOT_HEIGHT,
  MARGIN,
  WIDE,
  plotWidth,
  dayLabel,
  niceTicks,
  slotCenter,
  yScale,
} from "./chart-frame";

export interface BarSeries {
  label: string;
  /** Tailwind fill class on a theme colour, e.g. "fill-primary". */
  fill: string;
  /** The same colour as a background, for the legend. */
  swatch: string;
}

/** Counts per day stacked by series (one series draws plain bars); every bar says its numbers on hover. */
export function StackedBarChart({
  label,
  caption,
  yTitle,
  series,
  days,
  testId,
  width = WIDE,
}: {
  label: string;
  caption: string;
  yTitle: string;
  series: BarSeries[];
  /** One entry per day, `values` in the order of `series`. */
  days: { day: number; values: number[] }[];
  testId: string;
  width?: number;
}) {
  const totals = days.map((d) => d.values.reduce((sum, value) => sum + value, 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const y = yScale(ticks);
  const slot = plotWidth(width) / Math.max(1, days.length);
  const barWidth = Math.min(36, slot * 0.7);

  return (
    <ChartFigure
      frame={{ label, width, days: days.map((d) => d.day), ticks, yTitle, testId }}
      // One series draws plain bars: nothing to tell apart.
      legend={series.length > 1 ? series.map((s) => ({ label: s.label, swatch: s.swatch })) : undefined}
      table={{
        caption,
        columns: series.map((s) => s.label),
        rows: days.map((d) => ({ day: d.day, cells: d.values.map((value) => formatCount(value)) })),
      }}
    >
      {days.map((d, index) => {
        const x = slotCenter(index, days.length, width) - barWidth / 2;
        let base = 0;
        const breakdown = series.map((s, i) => `${s.label}: ${formatCount(d.values[i] ?? 0)}`).join(", ");
        return (
          <g key={d.day} data-testid={`${testId}-day`} data-day={d.day} data-total={totals[index]}>
            <title>{`${dayLabel(d.day)}: ${formatCount(totals[index] ?? 0)} (${breakdown})`}</title>
            {/* A full-height target so the tooltip shows on hover even over a short or empty bar. */}
            <rect
              x={x - (slot - barWidth) / 2}
              y={MARGIN.top}
              width={slot}
              height={PLOT_HEIGHT}
              className="fill-transparent hover:fill-muted/60"
            />
            {series.map((s, i) => {
              const value = d.values[i] ?? 0;
              if (value === 0) return null;
              const top = y(base + value);
              const height = y(base) - top;
              base += value;
              return (
                <rect
                  key={s.label}
                  x={x}
                  y={top}
                  width={barWidth}
                  height={height}
                  className={`${s.fill} pointer-events-none stroke-card`}
                  strokeWidth={1}
                />
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}
