import { demoPassword } from '../../server/auth/demo.ts';

export interface LoggedIn {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Logs in over real HTTP and returns the session cookie (as a Cookie header) and CSRF token. */
export async function login(baseUrl: string, email: string, password = demoPassword): Promise<LoggedIn> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.includes('kijkruimte'));
  if (!setCookie) throw new Error('no session cookie');
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken, userId: body.user.id };
}

/** JSON request as a logged-in browser would send it. */
export async function api<T = unknown>(
  baseUrl: string,
  who: LoggedIn | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (who) {
    headers.cookie = who.cookie;
    headers['x-csrf-token'] = who.csrf;
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
