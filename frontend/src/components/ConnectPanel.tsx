import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { InstanceConnectionQuery } from '../api/operations';
import { Dialog, ErrorBanner, Loading, ReflowTable } from './ui';
import { errorText } from '../lib/errors';

/** Copies text to the clipboard and says so next to the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('Copied');
    } catch {
      setDone('Select and copy it by hand');
    }
    window.setTimeout(() => setDone(null), 2000);
  };
  return (
    <span className="copy">
      <button type="button" aria-label={label} onClick={() => void copy()}>Copy</button>
      {done && <span className="muted small" role="status">{done}</span>}
    </span>
  );
}

/** The Connect panel as a dialog (from the machines list). */
export function ConnectPanel({ instanceId, onClose }: { instanceId: string; onClose: () => void }) {
  return (
    <Dialog title="Connect" onClose={onClose} wide>
      <ConnectDetails instanceId={instanceId} />
      <div className="actions">
        <button onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}

/** How to get into a ready machine: the SSH command, the host key to check, other ports, the browser terminal. */
export function ConnectDetails({ instanceId }: { instanceId: string }) {
  const [res] = useQuery({ query: InstanceConnectionQuery, variables: { id: instanceId }, requestPolicy: 'network-only' });
  const i = res.data?.instance;
  const c = i?.connection;
  return (
      <div>
        <h3>Connect to {i?.hostId ?? 'the machine'}</h3>
        <ErrorBanner message={errorText(res.error)} />
        {res.fetching && !res.data && <Loading what="the connection" />}
        {res.data && !i && <ErrorBanner message="Your tenant has no such machine." />}
        {i && !c && <p>The machine is {i.status?.toLowerCase()}: its connection details appear once it is ready.</p>}
        {c && (
          <div className="connect" data-testid="connect-panel">
            <p className="muted small">
              Your SSH keys (<Link to="/account/ssh-keys">SSH keys</Link>) are installed on every machine of your tenant.
            </p>
            <label className="field">
              <span>SSH command</span>
              <div className="copy-row">
                <code data-testid="ssh-command">{c.sshCommand}</code>
                <CopyButton text={c.sshCommand!} label="Copy the SSH command" />
              </div>
            </label>
            <dl className="facts">
              <dt>Host</dt><dd><code>{c.host}</code></dd>
              <dt>Port</dt><dd><code>{c.port}</code></dd>
              <dt>User</dt><dd><code>{c.user}</code></dd>
              <dt>Host key</dt>
              <dd>
                {c.hostKeyFingerprint
                  ? <><code data-testid="host-key-fingerprint">{c.hostKeyFingerprint}</code> <span className="muted small">ssh shows this on your first connection: compare before you answer yes</span></>
                  : <span className="muted">not known yet (SnapGPU has not connected since it started)</span>}
              </dd>
            </dl>
            {c.knownHostsLine && (
              <label className="field">
                <span>Or pin it in ~/.ssh/known_hosts</span>
                <div className="copy-row">
                  <code className="wrap small">{c.knownHostsLine}</code>
                  <CopyButton text={c.knownHostsLine} label="Copy the known_hosts line" />
                </div>
              </label>
            )}
            {c.ports && c.ports.length > 0 && (
              <>
                <h4>Other ports</h4>
                <ReflowTable aria-label="Exposed ports" className="small">
                  <thead><tr><th>Port</th><th>Reach it at</th></tr></thead>
                  <tbody>
                    {c.ports.map((p) => (
                      <tr key={`${p!.privatePort}-${p!.protocol}`}>
                        <td>{p!.privatePort}/{p!.protocol}</td>
                        <td>{p!.url ? <a href={p!.url} target="_blank" rel="noreferrer">{p!.url}</a> : <code>{p!.host}:{p!.publicPort}</code>}</td>
                      </tr>
                    ))}
                  </tbody>
                </ReflowTable>
              </>
            )}
          </div>
        )}
        {c && (
          <div className="actions">
            <Link className="button primary" to={`/machines/${instanceId}/terminal`}>Open terminal</Link>
          </div>
        )}
      </div>
  );
}
