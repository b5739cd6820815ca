import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { AddSshKeyMutation, RemoveSshKeyMutation, SshKeysQuery, TerminalSessionsQuery } from '../api/operations';
import { ConfirmDialog, EmptyState, ErrorBanner, FieldError, Loading, ReflowTable } from '../components/ui';
import { errorText, fieldError, formErrors, unclaimed } from '../lib/errors';
import { dateTime, duration } from '../lib/format';

/** Your SSH public keys: every machine of your tenant accepts them, including those running now. */
export function SshKeysPage() {
  const [keys, refetch] = useQuery({ query: SshKeysQuery, requestPolicy: 'network-only' });
  const [sessions] = useQuery({ query: TerminalSessionsQuery, requestPolicy: 'network-only' });
  const [addState, add] = useMutation(AddSshKeyMutation);
  const [removeState, remove] = useMutation(RemoveSshKeyMutation);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keyRows = keys.data ? keys.data.sshKeys ?? [] : null;
  const sessionRows = sessions.data ? sessions.data.terminalSessions ?? [] : null;
  const errors = formErrors(addState.error);
  const keyError = fieldError(errors, 'publicKey');
  const nameError = fieldError(errors, 'name');
  const other = unclaimed(errors, ['publicKey', 'name']);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const r = await add({ name: name.trim() || null, publicKey });
    const a = r.data?.addSshKey;
    if (a) {
      const machines = a.machines ?? [];
      const failed = machines.filter((m) => !m?.installed).length;
      setNotice(`Added ${a.key?.name} (${a.key?.fingerprint}).` + (machines.length
        ? ` Installed on ${machines.length - failed} of ${machines.length} ready machine${machines.length === 1 ? '' : 's'}.`
        : ' Every machine you start from now on accepts it.'));
      setName('');
      setPublicKey('');
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <section>
      <header className="page-header"><h1>SSH keys</h1></header>
      <p className="muted">
        Your public keys are installed on every machine of your tenant (launched, raced or restored), next to
        SnapGPU's own key; a key added here reaches the machines running now. Paste a <strong>public</strong> key
        (<code>~/.ssh/id_ed25519.pub</code>): ed25519, ecdsa, or rsa of 2048 bits or more. Never a private key.
      </p>
      <form className="card" onSubmit={(e) => void submit(e)} aria-label="Add an SSH key">
        <label className="field">
          <span>Name (optional)</span>
          <input aria-label="Key name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!nameError} placeholder="laptop" />
          <FieldError id="key-name-error" message={nameError} />
        </label>
        <label className="field">
          <span>Public key</span>
          <textarea aria-label="Public key" rows={3} value={publicKey} onChange={(e) => setPublicKey(e.target.value)}
            aria-invalid={!!keyError} placeholder="ssh-ed25519 AAAAC3Nza… you@laptop" spellCheck={false} />
          <FieldError id="public-key-error" message={keyError} />
        </label>
        {other.map((m) => <ErrorBanner key={m} message={m} />)}
        <div className="actions"><button className="primary" disabled={addState.fetching || !publicKey.trim()}>{addState.fetching ? 'Adding…' : 'Add key'}</button></div>
        {notice && <div className="banner success" role="status">{notice}</div>}
      </form>
      <ErrorBanner message={errorText(keys.error) ?? errorText(removeState.error)} />
      {!keys.data && keys.fetching && <Loading what="your keys" />}
      {keyRows && keyRows.length === 0 && (
        <EmptyState title="No SSH keys yet">Add one above, then use the SSH command in a machine's Connect panel on <Link to="/machines">Machines</Link>.</EmptyState>
      )}
      {keyRows && keyRows.length > 0 && (
        <ReflowTable aria-label="SSH keys">
          <thead><tr><th>Name</th><th>Type</th><th>Fingerprint</th><th>Added</th><th></th></tr></thead>
          <tbody>
            {keyRows.map((k) => (
              <tr key={k!.id}>
                <td>{k!.name}</td>
                <td>{k!.keyType} ({k!.bits} bits)</td>
                <td><code>{k!.fingerprint}</code></td>
                <td>{dateTime(k!.createdAt)}</td>
                <td><button className="danger" onClick={() => setRemoving({ id: k!.id!, name: k!.name! })}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
      <h2 className="spaced">Terminal sessions</h2>
      {sessionRows && sessionRows.length === 0 && <p className="muted">No browser terminal has been opened in your tenant.</p>}
      {sessionRows && sessionRows.length > 0 && (
        <ReflowTable aria-label="Terminal sessions">
          <thead><tr><th>Who</th><th>Machine</th><th>Started</th><th>Lasted</th><th>Ended because</th></tr></thead>
          <tbody>
            {sessionRows.map((s) => (
              <tr key={s!.id}>
                <td>{s!.username}</td>
                <td><code>{s!.instanceId?.substring(0, 8)}</code></td>
                <td>{dateTime(s!.startedAt)}</td>
                <td>{s!.endedAt ? duration(s!.durationSeconds) : 'open'}</td>
                <td>{s!.endReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </ReflowTable>
      )}
      {removing && (
        <ConfirmDialog title="Remove SSH key" confirmLabel="Remove" busy={removeState.fetching} error={errorText(removeState.error)}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const r = await remove({ id: removing.id });
            if (!r.error) {
              setRemoving(null);
              refetch({ requestPolicy: 'network-only' });
            }
          }}>
          <p>Remove <strong>{removing.name}</strong>? It is also taken off your tenant's ready machines.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
