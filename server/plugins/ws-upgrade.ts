import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Lets an open WebSocket forget the HTTP request that upgraded it (OPS-6).
 *
 * `@fastify/websocket` routes an upgrade through Fastify with a `ServerResponse` assigned to the
 * TCP socket (`socket._httpMessage`), and adds an 'error' listener that closes over Fastify's
 * request and reply. Both live as long as the socket: the `IncomingMessage` with its headers
 * (cookie included), the request, the reply and a child logger, a few KB per socket for its whole
 * life. Once the handshake is done none of it is used, so a route hands them back here, first
 * thing in its handler: the response lets go of the socket, and the library's listener is
 * replaced by one that ignores the error (`ws` closes the socket itself and 'close' follows).
 */
export function releaseUpgrade(ws: WebSocket, raw: IncomingMessage): void {
  // Absent when the upgrade did not come over TCP (`@fastify/websocket`'s injectWS).
  const tcp = raw.socket as (Socket & { _httpMessage?: ServerResponse | null }) | undefined;
  const response = tcp?._httpMessage;
  // detachSocket also removes the response's own 'close' listener from the socket.
  if (tcp && response) response.detachSocket(tcp);
  ws.removeAllListeners('error');
  ws.on('error', ignoreError);
}

function ignoreError(): void {
  /* ws reports protocol errors (bad frames, oversize) here and then closes; 'close' follows */
}
