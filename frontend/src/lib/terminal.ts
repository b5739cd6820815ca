/** The terminal WebSocket's address for this page (same origin: the session cookie goes along). */
export function terminalUrl(loc: Pick<Location, 'protocol' | 'host'>, instanceId: string, cols: number, rows: number): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api/v1/instances/${encodeURIComponent(instanceId)}/terminal?cols=${cols}&rows=${rows}`;
}

export type Control = { type: 'ready'; session?: string } | { type: 'closed'; reason?: string } | { type: string; reason?: string };

/** A text frame from SnapGPU: a JSON control message, or null when it is not one. */
export function parseControl(text: string): Control | null {
  try {
    const m = JSON.parse(text) as unknown;
    return m && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string' ? (m as Control) : null;
  } catch {
    return null;
  }
}
