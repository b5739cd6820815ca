import { describe, expect, it } from 'vitest';
import * as retention from './retention';

describe('retention explained', () => {
  it('says that manual and safety snapshots keep their own retention, with the server figures', () => {
    const text = retention.retentionExplanation({ retentionDays: 30, manualRetentionDays: 90, safetyRetentionDays: 30 });
    expect(text).toContain('Automatic snapshots are kept 30 days');
    expect(text).toContain('kept 90 days, whatever this setting says');
    expect(text).toContain('before a restore or a failover 30 days');
  });

  it('without a policy yet it still says the setting is for automatic snapshots only', () => {
    const text = retention.retentionExplanation(null);
    expect(text).toMatch(/automatic snapshots/);
    expect(text).toMatch(/their own retention/);
  });
});
