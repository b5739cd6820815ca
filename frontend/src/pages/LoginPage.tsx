import { useState, type FormEvent } from 'react';
import { login, LoginError, type Me } from '../auth/session';

export function LoginPage({ onLogin, notice }: { onLogin: (me: Me) => void; notice?: string }) {
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(username, password));
    } catch (err) {
      setError(err instanceof LoginError ? err.message : 'Cannot reach SnapGPU. Check that the server is running.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="centered">
      <form className="card login" onSubmit={submit}>
        <h1>SnapGPU</h1>
        {notice && <div className="banner info">{notice}</div>}
        <label className="field">
          <span>Username</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <div className="banner error" role="alert">{error}</div>}
        <button className="primary" type="submit" disabled={busy || !password}>{busy ? 'Logging in…' : 'Log in'}</button>
        <p className="muted small">
          First start? The admin&apos;s one-time password is printed on the SnapGPU console (or set with
          SNAPGPU_ADMIN_PASSWORD).
        </p>
      </form>
    </div>
  );
}
