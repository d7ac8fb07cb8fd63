/** One bar of a chart: its place in the SVG's user units, and what it says. */
export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A bar chart laid out for an SVG drawn on the server (no script): bars, the baseline and the tallest value. */
export interface BarChart {
  width: number;
  height: number;
  /** Y of the baseline; labels go below it. */
  baseline: number;
  max: number;
  bars: Bar[];
}

export interface BarChartSize {
  width: number;
  height: number;
  /** Room under the baseline for the labels. */
  labelHeight?: number;
  /** Room above the tallest bar for its value. */
  valueHeight?: number;
  /** Space between bars, as a share of a bar's slot (0–1). */
  gap?: number;
}

/**
 * Lays out one bar per value: equal slots across the width, heights proportional to the largest value (a chart of
 * zeros has no height), rounded to 0.1 unit so the markup stays small.
 *
 * @example
 * barChart([{ label: 'Jan', value: 2 }, { label: 'Feb', value: 1 }], { width: 200, height: 120, labelHeight: 20, valueHeight: 0, gap: 0 }).bars
 * // [{ label: 'Jan', value: 2, x: 0, y: 0, width: 100, height: 100 }, { label: 'Feb', value: 1, x: 100, y: 50, width: 100, height: 50 }]
 */
export function barChart(values: ReadonlyArray<{ label: string; value: number }>, size: BarChartSize): BarChart {
  const { width, height, labelHeight = 18, valueHeight = 14, gap = 0.2 } = size;
  const baseline = height - labelHeight;
  const room = baseline - valueHeight;
  const max = values.reduce((most, { value }) => Math.max(most, value), 0);
  const slot = values.length === 0 ? 0 : width / values.length;
  const bars = values.map(({ label, value }, index) => {
    const barHeight = max === 0 ? 0 : round((Math.max(0, value) / max) * room);
    return {
      label,
      value,
      x: round(index * slot + (slot * gap) / 2),
      y: round(baseline - barHeight),
      width: round(slot * (1 - gap)),
      height: barHeight,
    };
  });
  return { width, height, baseline, max, bars };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
