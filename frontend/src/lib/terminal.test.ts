import { describe, expect, it } from 'vitest';
import { parseControl, terminalUrl } from './terminal';

describe('terminal', () => {
  it('builds the WebSocket address on the page origin', () => {
    expect(terminalUrl({ protocol: 'https:', host: 'snap.example:8443' }, 'a b', 100, 30))
      .toBe('wss://snap.example:8443/api/v1/instances/a%20b/terminal?cols=100&rows=30');
    expect(terminalUrl({ protocol: 'http:', host: 'localhost:8080' }, 'x', 80, 24)).toMatch(/^ws:\/\//);
  });
  it('reads control messages and nothing else', () => {
    expect(parseControl('{"type":"closed","reason":"idle"}')).toEqual({ type: 'closed', reason: 'idle' });
    expect(parseControl('ls')).toBeNull();
    expect(parseControl('{"no":"type"}')).toBeNull();
  });
});
