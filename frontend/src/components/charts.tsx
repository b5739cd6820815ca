// Charts from Mantine (recharts underneath): responsive, with tooltips; each keeps an accessible name.
import { BarChart as MantineBarChart } from '@mantine/charts';

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ bars, format, title, height = 200 }: {
  bars: Bar[];
  format: (v: number) => string;
  title: string;
  height?: number;
}) {
  return (
    <div role="img" aria-label={title} className="chart">
      <MantineBarChart h={height} data={bars.map((b) => ({ label: b.label, value: b.value }))} dataKey="label"
        series={[{ name: 'value', label: title, color: 'blue.6' }]} valueFormatter={format} withBarValueLabel
        tickLine="y" />
    </div>
  );
}

export interface Range {
  label: string;
  low: number | null;
  high: number | null;
  failureRate: number;
}

/** One row per host: its median (p50) and p90 boot time side by side; the failure rate in the tooltip's label. */
export function RangeChart({ rows, title, unit = 's' }: { rows: Range[]; title: string; unit?: string }) {
  const data = rows.map((r) => ({
    host: `${r.label} (${(r.failureRate * 100).toFixed(0)} % fail)`, p50: r.low ?? 0, p90: r.high ?? r.low ?? 0,
  }));
  return (
    <div role="img" aria-label={title} className="chart">
      <MantineBarChart h={Math.max(160, rows.length * 28 + 40)} data={data} dataKey="host" orientation="vertical"
        yAxisProps={{ width: 170 }} valueFormatter={(v) => `${v.toFixed(1)} ${unit}`}
        series={[{ name: 'p50', label: 'median boot', color: 'blue.6' }, { name: 'p90', label: 'p90 boot', color: 'blue.3' }]} />
    </div>
  );
}
