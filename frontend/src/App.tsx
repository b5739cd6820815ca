import { useCallback, useEffect, useMemo, useState } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Provider, useQuery } from 'urql';
import { createSnapGpuClient } from './api/client';
import { SystemQuery } from './api/operations';
import { currentUser, logout, type Me } from './auth/session';
import { LoginPage } from './pages/LoginPage';
import { MachinesPage } from './pages/MachinesPage';
import { OffersPage } from './pages/OffersPage';
import { RacesPage, RaceBoardPage } from './pages/RacePages';
import { SnapshotsPage } from './pages/SnapshotsPage';
import { BackupSettingsPage } from './pages/BackupSettingsPage';
import { RestorePage, RestoresPage } from './pages/RestorePages';
import { StoragePage } from './pages/StoragePage';
import { HostsPage } from './pages/HostsPage';
import { DrillsPage, DrillWarning } from './pages/DrillsPage';
import { SshKeysPage } from './pages/SshKeysPage';
import { TerminalPage } from './pages/TerminalPage';
import { ErrorBanner } from './components/ui';

// Set after a login so a fresh browser goes straight to the login form instead of asking /me (and
// getting a 401). Holds no secret: the session itself is an HttpOnly cookie.
const SESSION_HINT = 'snapgpu.loggedIn';

type AuthState = { kind: 'checking' } | { kind: 'anonymous'; reason?: string } | { kind: 'user'; me: Me };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' });
  const navigate = useNavigate();
  const location = useLocation();

  const expired = useCallback(() => {
    localStorage.removeItem(SESSION_HINT);
    setAuth({ kind: 'anonymous', reason: 'Your session has ended: log in again.' });
  }, []);
  const { client, ws } = useMemo(() => createSnapGpuClient(expired), [expired]);
  useEffect(() => () => void ws.dispose(), [ws]);

  useEffect(() => {
    if (!localStorage.getItem(SESSION_HINT)) {
      setAuth({ kind: 'anonymous' });
      return;
    }
    currentUser()
      .then((me) => setAuth(me ? { kind: 'user', me } : { kind: 'anonymous' }))
      .catch((e: Error) => setAuth({ kind: 'anonymous', reason: e.message }));
  }, []);

  if (auth.kind === 'checking') return <div className="centered muted">Loading…</div>;
  if (auth.kind === 'anonymous') {
    return (
      <LoginPage
        notice={auth.reason}
        onLogin={(me) => {
          localStorage.setItem(SESSION_HINT, '1');
          setAuth({ kind: 'user', me });
          const from = (location.state as { from?: string } | null)?.from;
          if (location.pathname === '/login') navigate(from ?? '/machines', { replace: true });
        }}
      />
    );
  }
  const signOut = async () => {
    await logout();
    localStorage.removeItem(SESSION_HINT);
    ws.terminate();
    setAuth({ kind: 'anonymous' });
    navigate('/login');
  };
  return (
    <Provider value={client}>
      <div className="layout">
        <nav className="sidebar" aria-label="Main">
          <div className="brand">SnapGPU</div>
          <NavLink to="/machines">Machines</NavLink>
          <NavLink to="/offers">Offers</NavLink>
          <NavLink to="/races">Launch races</NavLink>
          <NavLink to="/snapshots">Snapshots</NavLink>
          <NavLink to="/restores">Restores</NavLink>
          <NavLink to="/drills">Restore drills</NavLink>
          <NavLink to="/storage">Storage &amp; costs</NavLink>
          <NavLink to="/hosts">Hosts</NavLink>
          <div className="user">
            <span title={`tenant ${auth.me.tenantId}`}>{auth.me.username}</span>
            <NavLink to="/account/ssh-keys" className="small">SSH keys</NavLink>
            <button className="link" onClick={signOut}>Log out</button>
          </div>
        </nav>
        <main>
          <SystemWarning />
          <DrillWarning />
          <Routes>
            <Route path="/" element={<Navigate to="/machines" replace />} />
            <Route path="/login" element={<Navigate to="/machines" replace />} />
            <Route path="/machines" element={<MachinesPage />} />
            <Route path="/machines/:id/backups" element={<BackupSettingsPage />} />
            <Route path="/machines/:id/terminal" element={<TerminalPage />} />
            <Route path="/account/ssh-keys" element={<SshKeysPage />} />
            <Route path="/offers" element={<OffersPage />} />
            <Route path="/races" element={<RacesPage />} />
            <Route path="/races/:id" element={<RaceBoardPage />} />
            <Route path="/snapshots" element={<SnapshotsPage />} />
            <Route path="/restores" element={<RestoresPage />} />
            <Route path="/restores/:id" element={<RestorePage />} />
            <Route path="/drills" element={<DrillsPage />} />
            <Route path="/storage" element={<StoragePage />} />
            <Route path="/hosts" element={<HostsPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </main>
      </div>
    </Provider>
  );
}

function SystemWarning() {
  const [{ data }] = useQuery({ query: SystemQuery, requestPolicy: 'cache-first' });
  const down = data?.system?.components?.filter((c) => c && !c.up) ?? [];
  if (!down.length) return null;
  return (
    <ErrorBanner message={down.map((c) => `${c!.name} is not usable: ${c!.detail ?? 'no detail'}`).join(' ')} />
  );
}

function NotFound() {
  return (
    <section>
      <h1>Nothing here</h1>
      <p>This address is not a SnapGPU screen. Pick one on the left.</p>
    </section>
  );
}
