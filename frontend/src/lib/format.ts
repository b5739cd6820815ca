// Display formatting shared by every screen. Inputs come straight from GraphQL (numbers may be null).

const DASH = '—';

/** Dollars: cents for normal amounts, four decimals for the small amounts machines cost per minute. */
export function money(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return DASH;
  const abs = Math.abs(v);
  if (abs === 0) return '$0.00';
  if (abs < 0.01) return `${v < 0 ? '-' : ''}$${abs.toFixed(4)}`;
  return `${v < 0 ? '-' : ''}$${abs.toFixed(2)}`;
}

export function perHour(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return DASH;
  return `$${v.toFixed(v < 1 ? 3 : 2)}/h`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal units (1 GB = 10^9 B), the unit storage is billed in. */
export function bytes(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return DASH;
  let n = v;
  let i = 0;
  while (Math.abs(n) >= 1000 && i < UNITS.length - 1) {
    n /= 1000;
    i++;
  }
  return i === 0 ? `${n} B` : `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)} ${UNITS[i]}`;
}

export function throughput(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond == null || Number.isNaN(bytesPerSecond)) return DASH;
  return `${bytes(bytesPerSecond)}/s`;
}

/** Seconds as people read them: "0.8 s", "42 s", "3 min 05 s", "2 h 10 min". */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null || Number.isNaN(seconds) || seconds < 0) return DASH;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const total = Math.round(seconds);
  if (total < 3600) {
    const m = Math.floor(total / 60);
    const s = total % 60;
    return `${m} min ${String(s).padStart(2, '0')} s`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

/** Share done in percent, 0..100; null when the total is not known yet. */
export function percent(done: number | null | undefined, total: number | null | undefined): number | null {
  if (total == null || total <= 0 || done == null) return null;
  return Math.max(0, Math.min(100, (done / total) * 100));
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return d.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** Seconds between two ISO instants (null when either is missing). */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? null : (b - a) / 1000;
}

export function ratio(v: number | null | undefined, digits = 0): string {
  if (v == null || Number.isNaN(v)) return DASH;
  return `${(v * 100).toFixed(digits)} %`;
}

/** Splits a comma/newline separated field into trimmed non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
