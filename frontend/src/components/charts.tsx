// Small SVG charts: enough for a few bars and ranges, no chart library to keep up to date.

export interface Bar {
  label: string;
  value: number;
  title?: string;
}

export function BarChart({ bars, format, title, height = 180 }: {
  bars: Bar[];
  format: (v: number) => string;
  title: string;
  height?: number;
}) {
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const barW = 56;
  const gap = 24;
  const width = Math.max(bars.length * (barW + gap) + gap, 240);
  const plotH = height - 44;
  return (
    <svg className="chart" role="img" aria-label={title} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const h = (b.value / max) * plotH;
        const x = gap + i * (barW + gap);
        return (
          <g key={b.label}>
            <rect x={x} y={16 + plotH - h} width={barW} height={Math.max(h, 1)} className="bar">
              <title>{b.title ?? `${b.label}: ${format(b.value)}`}</title>
            </rect>
            <text x={x + barW / 2} y={12 + plotH - h} textAnchor="middle" className="chart-value">{format(b.value)}</text>
            <text x={x + barW / 2} y={height - 12} textAnchor="middle" className="chart-label">{b.label}</text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Range {
  label: string;
  low: number | null;
  high: number | null;
  failureRate: number;
}

/** One row per host: a bar from the median (p50) to p90 boot time, and the host's failure rate. */
export function RangeChart({ rows, title, unit = 's' }: { rows: Range[]; title: string; unit?: string }) {
  const max = Math.max(...rows.map((r) => r.high ?? r.low ?? 0), 1);
  const labelW = 110;
  const plotW = 420;
  const rowH = 22;
  const height = rows.length * rowH + 30;
  const x = (v: number) => labelW + (v / max) * plotW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  return (
    <svg className="chart" role="img" aria-label={title} width={labelW + plotW + 90} height={height}
      viewBox={`0 0 ${labelW + plotW + 90} ${height}`}>
      <title>{title}</title>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={0} y2={height - 20} className="grid" />
          <text x={x(t)} y={height - 6} textAnchor="middle" className="chart-label">{t.toFixed(t < 10 ? 1 : 0)} {unit}</text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = i * rowH + 4;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + 13} textAnchor="end" className="chart-label">{r.label}</text>
            {r.low != null && (
              <>
                <rect x={x(r.low)} y={y + 3} width={Math.max(x(r.high ?? r.low) - x(r.low), 3)} height={12} className="bar range">
                  <title>{`${r.label}: p50 ${r.low.toFixed(1)} ${unit}, p90 ${(r.high ?? r.low).toFixed(1)} ${unit}`}</title>
                </rect>
                <line x1={x(r.low)} x2={x(r.low)} y1={y + 1} y2={y + 17} className="median" />
              </>
            )}
            {r.low == null && <text x={labelW + 4} y={y + 13} className="chart-label muted">no boot observed</text>}
            <text x={labelW + plotW + 8} y={y + 13} className={r.failureRate > 0.2 ? 'chart-label bad' : 'chart-label'}>
              {(r.failureRate * 100).toFixed(0)} % fail
            </text>
          </g>
        );
      })}
    </svg>
  );
}
