/**
 * The reference server for side-by-side benchmarks: the y-websocket@2 example server's
 * `setupWSConnection` (no persistence) behind a `ws` WebSocketServer, as `bin/server.cjs` does.
 * Run as a child process: `node --import tsx bench/ref-server.ts`; prints `REF_LISTENING <url>`.
 * Only ever listens on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { WebSocketServer, type WebSocket } from 'ws';

type SetupWSConnection = (conn: WebSocket, req: http.IncomingMessage, opts?: { docName?: string; gc?: boolean }) => void;

const require = createRequire(import.meta.url);
const { setupWSConnection } = require('y-websocket-ref/bin/utils') as { setupWSConnection: SetupWSConnection };

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => setupWSConnection(ws, req));

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`REF_LISTENING http://127.0.0.1:${port}`);
});

function shutdown(): void {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
