import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, NavLink as RouterNavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { AppShell, Burger, Group, NavLink as MantineNavLink } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Provider, useQuery } from 'urql';
import { createSnapGpuClient } from './api/client';
import { SystemQuery } from './api/operations';
import { currentUser, logout, type Me } from './auth/session';
import { LoginPage } from './pages/LoginPage';
import { MachinesPage } from './pages/MachinesPage';
import { MachineDetailPage } from './pages/MachineDetailPage';
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
      <Shell me={auth.me} onSignOut={signOut}>
        <SystemWarning />
        <DrillWarning />
        <Routes>
          <Route path="/" element={<Navigate to="/machines" replace />} />
          <Route path="/login" element={<Navigate to="/machines" replace />} />
          <Route path="/machines" element={<MachinesPage />} />
          <Route path="/machines/:id" element={<MachineDetailPage />} />
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
      </Shell>
    </Provider>
  );
}

const NAV: [string, string][] = [
  ['/machines', 'Machines'], ['/offers', 'Offers'], ['/races', 'Launch races'], ['/snapshots', 'Snapshots'],
  ['/restores', 'Restores'], ['/drills', 'Restore drills'], ['/storage', 'Storage & costs'], ['/hosts', 'Hosts'],
];

/** The app shell: a navbar that collapses behind a burger on phones, so the page gets the whole width. */
function Shell({ me, onSignOut, children }: { me: Me; onSignOut: () => void; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md">
      <AppShell.Header className="topbar">
        <Group h="100%" px="md" gap="sm">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" color="#fff" />
          <span className="brand">SnapGPU</span>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar className="sidebar" aria-label="Main" p="xs">
        {NAV.map(([to, label]) => (
          <MantineNavLink key={to} component={RouterNavLink} to={to} label={label} />
        ))}
        <div className="user">
          <span title={`tenant ${me.tenant_id}`}>{me.username}</span>
          <RouterNavLink to="/account/ssh-keys" className="small">SSH keys</RouterNavLink>
          <button className="link" onClick={onSignOut}>Log out</button>
        </div>
      </AppShell.Navbar>
      <AppShell.Main className="main">{children}</AppShell.Main>
    </AppShell>
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
