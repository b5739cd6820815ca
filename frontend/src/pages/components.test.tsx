import { describe, expect, it, vi, afterEach } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { render } from '../test-utils';
import { BackupPolicyForm, DEFAULT_POLICY } from './BackupSettingsPage';
import { CandidateCardView } from './RacePages';
import { FailoverList } from './FailoverPanels';
import { ConfirmDialog } from '../components/ui';
import type { CandidateCard } from '../lib/raceBoard';

afterEach(cleanup);

describe('BackupPolicyForm', () => {
  it('shows the server message at the include paths field and marks it invalid', () => {
    render(<BackupPolicyForm values={{ ...DEFAULT_POLICY, includePaths: 'data' }} onChange={() => {}} busy={false} onSubmit={() => {}}
      errors={{ fields: { includePaths: "must be an absolute path starting with / (got 'data')" }, general: [] }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/absolute path/);
    expect(screen.getByRole('alert').id).toBe('err-includePaths');
    expect(document.querySelector('textarea[name="includePaths"]')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('textarea[name="excludePaths"]')!.getAttribute('aria-invalid')).toBe('false');
  });

  it('shows a field error no input owns as a banner', () => {
    render(<BackupPolicyForm values={DEFAULT_POLICY} onChange={() => {}} busy={false} onSubmit={() => {}}
      errors={{ fields: { instanceId: 'no such instance' }, general: [] }} />);
    expect(screen.getByRole('alert').textContent).toBe('instanceId: no such instance');
  });

  it('submits the values', () => {
    const onSubmit = vi.fn();
    render(<BackupPolicyForm values={DEFAULT_POLICY} onChange={() => {}} busy={false} onSubmit={onSubmit} errors={{ fields: {}, general: [] }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(DEFAULT_POLICY);
  });
});

describe('CandidateCardView', () => {
  const card: CandidateCard = {
    id: 'c1', hostId: 'local-h007', provider: 'local', wave: 1, status: 'BOOTING', providerState: null,
    elapsedSeconds: 3, elapsedAt: 1000, bootSeconds: null, cost: null, pricePerHour: 0.5, instanceId: 'i1',
    terminationReason: null, error: null,
  };

  it('a booting card shows a running timer', () => {
    render(<CandidateCardView c={card} now={3000} gpu="RTX 4090" winner={false} struck={false} />);
    expect(screen.getByText('5.0 s')).toBeTruthy();
    expect(screen.getByText(/RTX 4090 · \$0.500\/h/)).toBeTruthy();
  });

  it('the winner is marked, a destroyed loser struck off', () => {
    const { container } = render(<>
      <CandidateCardView c={{ ...card, status: 'READY', bootSeconds: 4.2 }} now={9000} winner struck={false} />
      <CandidateCardView c={{ ...card, id: 'c2', hostId: 'local-h008', status: 'DESTROYED', terminationReason: 'LOST_RACE', cost: 0.001 }} now={9000} winner={false} struck />
    </>);
    const [w, l] = container.querySelectorAll('.candidate');
    expect(w.className).toContain('winner');
    expect(w.textContent).toContain('winner');
    expect(w.textContent).toContain('4.2 s');
    expect(l.className).toContain('struck');
    expect(l.textContent).toContain('lost race');
  });
});

describe('ConfirmDialog', () => {
  it('with typeToConfirm, stays disabled until the text is typed', () => {
    const onConfirm = vi.fn();
    render(<ConfirmDialog title="Restore" confirmLabel="Overwrite" typeToConfirm="local-h007" onConfirm={onConfirm} onCancel={() => {}}>x</ConfirmDialog>);
    const button = screen.getByRole('button', { name: 'Overwrite' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Confirmation'), { target: { value: 'local-h00' } });
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Confirmation'), { target: { value: 'local-h007' } });
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onConfirm).toHaveBeenCalledOnce();
  });
});

describe('FailoverList', () => {
  const base = {
    id: 'f1', instanceId: 'i1', trigger: 'SSH_DEAD', status: 'REPLACING', detail: null, error: null, attempts: 1,
    maxAttempts: 3, nextAttemptAt: null, preSnapshotId: null, snapshotId: 's1', newInstanceId: null,
    lostPricePerHour: 0.5, newPricePerHour: null, createdAt: '2026-01-01T10:00:00Z', usableAt: null, finishedAt: null,
    secondsToUsable: null, lostInstance: { id: 'i1', hostId: 'local-h007', gpuModel: 'RTX 4090', status: 'RUNNING', terminationReason: null, costSoFar: 0.01 },
    newInstance: null,
  } as const;

  it('a failover under way is a banner saying what is lost and what happens now', () => {
    render(<FailoverList failovers={[base as never]} />);
    const banner = screen.getByTestId('failover-banner');
    expect(banner.textContent).toContain('Machine lost: local-h007');
    expect(banner.textContent).toContain('SSH not answering');
    expect(banner.textContent).toContain('attempt 1 of 3');
  });

  it('a finished one is history only, with both machines and their costs', () => {
    const done = { ...base, status: 'DONE', secondsToUsable: 42, newPricePerHour: 0.4,
      newInstance: { id: 'i2', hostId: 'local-h009', gpuModel: 'RTX 4090', status: 'RUNNING', costSoFar: 0.02 } };
    render(<FailoverList failovers={[done as never]} />);
    expect(screen.queryByTestId('failover-banner')).toBeNull();
    const row = screen.getByRole('table', { name: 'Failovers' }).querySelector('tbody tr')!;
    expect(row.textContent).toContain('local-h009');
    expect(row.textContent).toContain('$0.400/h');
  });
});
