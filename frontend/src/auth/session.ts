// Browser login through the REST endpoints (snake_case JSON, as all of /api/v1): the server answers with an
// HttpOnly cookie (snapgpu_session).

export interface Me {
  username: string;
  tenant_id: string;
  role: string;
}

export class LoginError extends Error {}

export async function login(username: string, password: string): Promise<Me> {
  const res = await fetch('/api/v1/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.ok) return (await res.json()) as Me;
  throw new LoginError(loginFailure(res.status));
}

export function loginFailure(status: number): string {
  switch (status) {
    case 400:
    case 401:
      return 'Wrong username or password.';
    case 429:
      return 'Too many failed attempts: wait a minute, then try again.';
    default:
      return `SnapGPU answered ${status}. Check that the server is running and try again.`;
  }
}

/** The logged-in user, or null when there is no (valid) session. */
export async function currentUser(): Promise<Me | null> {
  const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`SnapGPU answered ${res.status} to /api/v1/auth/me`);
  return (await res.json()) as Me;
}

export async function logout(): Promise<void> {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
}
