/**
 * Service worker of the client's page `/kijken` (FRAGLINK-1). A <video> element cannot send a
 * header, and the tab's session token must never travel in a URL or a cookie: this worker adds
 * the token, which the page hands it and keeps in sessionStorage, to the page's media requests.
 * It holds tokens in memory per tab; when the browser restarted the worker, it asks the tab again.
 * Nothing is cached.
 */
const header = 'x-kijkruimte-kijksessie';
const tokens = new Map();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'kijksessie' && typeof data.token === 'string' && event.source) tokens.set(event.source.id, data.token);
  // A page that loaded without this worker in control (a hard reload) asks to be taken over.
  if (data && data.type === 'claim') event.waitUntil(self.clients.claim());
});

async function tokenFor(clientId) {
  if (tokens.has(clientId)) return tokens.get(clientId);
  const client = clientId ? await self.clients.get(clientId) : undefined;
  if (!client) return null;
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (message) => resolve(typeof message.data === 'string' ? message.data : null);
    setTimeout(() => resolve(null), 2000);
  });
  client.postMessage({ type: 'kijksessie?' }, [channel.port2]);
  const token = await answer;
  if (token) tokens.set(clientId, token);
  return token;
}

async function withSession(event) {
  const token = await tokenFor(event.clientId);
  const headers = new Headers(event.request.headers);
  if (token) headers.set(header, token);
  return fetch(event.request.url, { headers, credentials: 'omit', cache: 'no-store', redirect: 'error' });
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/api/kijken/media/')) return;
  event.respondWith(withSession(event));
});
