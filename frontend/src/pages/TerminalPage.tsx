import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { InstanceConnectionQuery } from '../api/operations';
import { ErrorBanner, Loading, StatusBadge } from '../components/ui';
import { errorText } from '../lib/errors';
import { terminalUrl, parseControl } from '../lib/terminal';

type State = { kind: 'connecting' } | { kind: 'open' } | { kind: 'closed'; reason: string } | { kind: 'failed'; reason: string };

/**
 * A shell on a ready machine in the browser: xterm.js on the page, a WebSocket to SnapGPU, which holds
 * the SSH session (a terminal channel on the machine). The session cookie authenticates it.
 */
export function TerminalPage() {
  const { id = '' } = useParams();
  const [res] = useQuery({ query: InstanceConnectionQuery, variables: { id }, requestPolicy: 'network-only' });
  const instance = res.data?.instance;
  const ready = !!instance?.connection;

  if (res.fetching && !res.data) return <section><h1>Terminal</h1><Loading what="the machine" /></section>;
  if (res.error) return <section><h1>Terminal</h1><ErrorBanner message={errorText(res.error)} /></section>;
  if (!instance) {
    return (
      <section>
        <h1>Terminal</h1>
        <ErrorBanner message={`Your tenant has no machine ${id}: no terminal.`} />
        <Link to="/machines">All machines</Link>
      </section>
    );
  }
  return (
    <section className="terminal-page">
      <header className="page-header">
        <h1>Terminal</h1>
        <span><code>{instance.hostId}</code> · {instance.gpuModel} · {instance.provider}</span>
        <StatusBadge status={instance.status} />
        <Link to="/machines">Machines</Link>
      </header>
      {!ready && <ErrorBanner message={`The machine is ${instance.status?.toLowerCase()}: a terminal opens once it is ready.`} />}
      {ready && <TerminalView instanceId={id} />}
    </section>
  );
}

function TerminalView({ instanceId }: { instanceId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const socket = useRef<WebSocket | null>(null);
  const term = useRef<Terminal | null>(null);
  const [state, setState] = useState<State>({ kind: 'connecting' });
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    const t = new Terminal({ cursorBlink: true, convertEol: false, fontSize: 14, scrollback: 5000,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' });
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(host.current!);
    fit.fit();
    term.current = t;
    setSize({ cols: t.cols, rows: t.rows });
    const ws = new WebSocket(terminalUrl(window.location, instanceId, t.cols, t.rows));
    ws.binaryType = 'arraybuffer';
    socket.current = ws;
    let opened = false;
    const encoder = new TextEncoder();
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') {
        const m = parseControl(e.data);
        if (m?.type === 'ready') {
          opened = true;
          setState({ kind: 'open' });
          t.focus();
        } else if (m?.type === 'closed') {
          setState({ kind: 'closed', reason: m.reason ?? 'closed' });
        }
      } else {
        t.write(new Uint8Array(e.data as ArrayBuffer));
      }
    };
    ws.onclose = (e) => {
      setState((s) => s.kind === 'closed' ? s : opened
        ? { kind: 'closed', reason: e.reason || 'the connection closed' }
        : { kind: 'failed', reason: e.reason || 'SnapGPU refused the terminal or could not reach the machine' });
    };
    const data = t.onData((d) => ws.readyState === WebSocket.OPEN && ws.send(encoder.encode(d)));
    const binary = t.onBinary((d) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      const b = new Uint8Array(d.length);
      for (let i = 0; i < d.length; i++) b[i] = d.charCodeAt(i) & 0xff;
      ws.send(b);
    });
    const resize = t.onResize(({ cols, rows }) => {
      setSize({ cols, rows });
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resize', cols, rows }));
    });
    // Ctrl+Shift+C copies the selection, Ctrl+Shift+V pastes (Ctrl+C stays the shell's interrupt)
    t.attachCustomKeyEventHandler((ev) => {
      if (ev.type === 'keydown' && ev.ctrlKey && ev.shiftKey && ev.code === 'KeyC') {
        const sel = t.getSelection();
        if (sel) void navigator.clipboard?.writeText(sel);
        return false;
      }
      if (ev.type === 'keydown' && ev.ctrlKey && ev.shiftKey && ev.code === 'KeyV') {
        void navigator.clipboard?.readText().then((text) => t.paste(text)).catch(() => undefined);
        return false;
      }
      return true;
    });
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(host.current!);
    return () => {
      observer.disconnect();
      data.dispose();
      binary.dispose();
      resize.dispose();
      ws.close();
      t.dispose();
    };
  }, [instanceId]);

  const close = () => socket.current?.close(1000, 'closed by the user');
  const copySelection = async () => {
    const sel = term.current?.getSelection();
    if (!sel) {
      setCopied('Select text in the terminal first');
    } else {
      try {
        await navigator.clipboard.writeText(sel);
        setCopied('Copied');
      } catch {
        setCopied('The browser did not allow copying');
      }
    }
    window.setTimeout(() => setCopied(null), 2000);
  };

  return (
    <div className="card">
      <div className="terminal-bar">
        <span data-testid="terminal-status" className={`terminal-state ${state.kind}`}>
          {state.kind === 'connecting' && 'Connecting…'}
          {state.kind === 'open' && 'Connected'}
          {state.kind === 'closed' && `Closed: ${state.reason}`}
          {state.kind === 'failed' && `Could not open the terminal: ${state.reason}`}
        </span>
        {size && <span className="muted small" data-testid="terminal-size">{size.cols}×{size.rows}</span>}
        <span className="spacer" />
        {copied && <span className="muted small" role="status">{copied}</span>}
        <button onClick={() => void copySelection()} title="Ctrl+Shift+C">Copy selection</button>
        <button className="danger" disabled={state.kind !== 'open'} onClick={close}>Close</button>
      </div>
      <div className="terminal-host" ref={host} data-testid="terminal" />
      <p className="muted small">Paste with Ctrl+Shift+V or the browser's paste; Ctrl+C interrupts as in any terminal. Idle sessions close after a while; every session is in the audit list.</p>
    </div>
  );
}
