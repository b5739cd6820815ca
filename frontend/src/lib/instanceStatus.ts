// What each machine status means, in the words the detail page and the list's tooltips use.
export const STATUS_MEANING: Record<string, string> = {
  PROVISIONING: 'SnapGPU asked the provider for the machine; the provider is allocating it.',
  BOOTING: 'The provider started the machine; SnapGPU waits until it answers over SSH.',
  READY: 'The machine answers and is yours; billing runs. Its workspace is as the image made it (no restore yet).',
  RUNNING: 'Ready with a restored workspace: a snapshot was restored onto it (Ready → Running after a restore).',
  RESTORING: 'A snapshot is being restored into its workspace; critical files first.',
  DESTROYING: 'SnapGPU asked the provider to destroy it; billing stops once the provider confirms.',
  DESTROYED: 'Gone at the provider; billing has stopped. Its snapshots stay in storage.',
  FAILED: 'It never became usable, or was lost; it was destroyed at the provider so nothing bills unseen.',
};

export interface TimelineStep {
  status: string;
  at: string | null | undefined;
  meaning: string;
}

/** The statuses a machine went through, with when (from the server's timestamps) and what each means. */
export function timeline(i: { status?: string | null; createdAt?: string | null; readyAt?: string | null;
  destroyedAt?: string | null }): TimelineStep[] {
  const step = (status: string, at: string | null | undefined): TimelineStep => ({ status, at, meaning: STATUS_MEANING[status] ?? '' });
  const steps = [step('PROVISIONING', i.createdAt)];
  if (i.readyAt) steps.push(step('READY', i.readyAt));
  const current = i.status ?? 'PROVISIONING';
  const ended = current === 'DESTROYED' || current === 'FAILED';
  if (!ended && current !== 'PROVISIONING' && current !== 'READY') steps.push(step(current, null));
  if (ended) steps.push(step(current, i.destroyedAt));
  return steps;
}
