/** Logs a demo account in over HTTP: the session cookie, the CSRF token and who it is. */
export interface DemoLogin {
  cookie: string;
  csrfToken: string;
  user: { id: string; name: string };
}

export const demoPassword = 'demo-wachtwoord';

export async function demoLogin(url: string, email: string, password = demoPassword): Promise<DemoLogin> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes('kijkruimte'))?.split(';')[0];
  if (!cookie) throw new Error('login: no session cookie');
  const body = (await res.json()) as { csrfToken: string; user: { id: string; name: string } };
  return { cookie, csrfToken: body.csrfToken, user: body.user };
}
