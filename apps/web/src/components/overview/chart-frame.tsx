import type { ComponentProps, ReactNode } from "react";

/*
 * The plain-SVG charts' shared geometry: a fixed viewBox the SVG scales to its box, "nice" y ticks,
 * day labels in UTC (the backend's buckets are UTC days), gridlines and axis titles. Colours are
 * Tailwind classes on the theme's variables (fill-primary, stroke-border, ...), so dark mode follows.
 */

/** The viewBox width of a chart in a wide card; a narrow card's chart passes a smaller one, so its text stays legible. */
export const WIDE = 600;
export const HEIGHT = 220;
export const MARGIN = { top: 12, right: 12, bottom: 40, left: 52 };
export const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

export function plotWidth(width: number): number {
  return width - MARGIN.left - MARGIN.right;
}

const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });

export function dayLabel(day: number): string {
  return dayFormat.format(day);
}

/** The smallest 1, 2 or 5 × 10ⁿ step that splits `max` into at most four intervals. */
export function niceTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const whole = Math.max(1, step);
  const top = Math.ceil(max / whole) * whole;
  return Array.from({ length: Math.round(top / whole) + 1 }, (_, i) => i * whole);
}

/** A day label every so many days that labels stay about 50 units apart. */
function labelEvery(count: number, width: number): number {
  return Math.max(1, Math.ceil(50 / (plotWidth(width) / count)));
}

/** The x centre of day `index` of `count` equal slots. */
export function slotCenter(index: number, count: number, width: number): number {
  return MARGIN.left + (plotWidth(width) / count) * (index + 0.5);
}

export function ChartFrame({
  label,
  width,
  days,
  ticks,
  yTitle,
  formatTick = String,
  testId,
  children,
}: {
  /** What a screen reader hears instead of the drawing: the chart's numbers in a sentence. */
  label: string;
  width: number;
  days: number[];
  ticks: number[];
  yTitle: string;
  formatTick?: (value: number) => string;
  testId: string;
  children: ReactNode;
}) {
  const y = yScale(ticks);
  const every = labelEvery(days.length, width);
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid={testId}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      className="h-auto w-full overflow-visible text-[11px]"
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            className={tick === 0 ? "stroke-muted-foreground/60" : "stroke-border"}
          />
          <text
            x={MARGIN.left - 6}
            y={y(tick)}
            dy="0.32em"
            textAnchor="end"
            className="fill-muted-foreground"
          >
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {days.map((day, index) =>
        index % every === 0 ? (
          <text
            key={day}
            x={slotCenter(index, days.length, width)}
            y={HEIGHT - MARGIN.bottom + 16}
            textAnchor="middle"
            className="fill-muted-foreground"
          >
            {dayLabel(day)}
          </text>
        ) : null,
      )}
      <text
        x={MARGIN.left + plotWidth(width) / 2}
        y={HEIGHT - 4}
        textAnchor="middle"
        className="fill-muted-foreground text-[10px]"
      >
        Day (UTC)
      </text>
      <text
        transform={`translate(12 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`}
        textAnchor="middle"
        className="fill-muted-foreground text-[10px]"
      >
        {yTitle}
      </text>
      {children}
    </svg>
  );
}

/** Maps a value onto the plot's y axis for the given ticks. */
export function yScale(ticks: number[]) {
  const top = ticks.at(-1) ?? 1;
  return (value: number) => MARGIN.top + PLOT_HEIGHT * (1 - value / top);
}

export interface LegendItem {
  label: string;
  swatch: string;
}

export function Legend({ items, testId }: { items: LegendItem[]; testId: string }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" data-testid={testId}>
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span aria-hidden data-swatch className={`inline-block size-2.5 rounded-sm ${item.swatch}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A chart as a card shows it: the drawing, its legend (where given) and its numbers for screen readers. */
export function ChartFigure({
  frame,
  legend,
  table,
  children,
}: {
  frame: Omit<ComponentProps<typeof ChartFrame>, "children">;
  legend?: LegendItem[] | undefined;
  table: ComponentProps<typeof ScreenReaderTable>;
  children: ReactNode;
}) {
  return (
    <div className="grid gap-3">
      <ChartFrame {...frame}>{children}</ChartFrame>
      {legend && <Legend items={legend} testId={`${frame.testId}-legend`} />}
      <ScreenReaderTable {...table} />
    </div>
  );
}

/** The chart's numbers as a table only screen readers see (the SVG itself is one image to them). */
export function ScreenReaderTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { day: number; cells: string[] }[];
}) {
  return (
    // A table keeps at least its content's width whatever its own size says: on the table itself,
    // sr-only still widened the page at 1024 px. Its wrapper holds it to one clipped pixel.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.day}>
              <th scope="row">{dayLabel(row.day)}</th>
              {row.cells.map((cell, index) => (
                <td key={columns[index]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
