import type { FastifyInstance } from 'fastify';
import type { RawData } from 'ws';
import { closeCodeFor } from '../../shared/errors/index.ts';
import { clockPath } from '../../shared/protocol/clock.ts';
import { access } from '../auth/access.ts';
import { LimitHook } from '../collab/server.ts';
import { releaseUpgrade } from '../plugins/ws-upgrade.ts';

/** Server clock in epoch milliseconds with sub-millisecond resolution. */
export const serverNow = (): number => performance.timeOrigin + performance.now();

/**
 * NTP-style clock pings for synchronised playback over a WebSocket (lower and steadier latency
 * than HTTP). The client sends t0 as one float64; the server answers [t0, t1, t2] as float64s.
 * Only logged-in users; anything but 8 binary bytes closes the socket.
 */
export async function clockRoutes(app: FastifyInstance): Promise<void> {
  app.get(clockPath, { websocket: true, config: { access: access.user } }, (socket, request) => {
    releaseUpgrade(socket, request.raw);
    // Registered with the access plugin, so logout, expiry or a disabled account close it too.
    const auth = request.auth!;
    const untrack = app.access.trackClock({
      userId: auth.user.id,
      sessionId: auth.session.id_hash,
      close: (code) => socket.close(closeCodeFor(code), code),
    });
    socket.on('close', untrack);
    const limit = new LimitHook();
    socket.on('message', (raw: RawData, isBinary: boolean) => {
      const t1 = serverNow();
      const data = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer);
      if (!isBinary || data.byteLength !== 8 || limit.check(8)) {
        socket.close(closeCodeFor('malformed_message'), 'malformed_message');
        return;
      }
      const reply = Buffer.allocUnsafe(24);
      reply.writeDoubleLE(data.readDoubleLE(0), 0);
      reply.writeDoubleLE(t1, 8);
      reply.writeDoubleLE(serverNow(), 16);
      socket.send(reply, { binary: true });
    });
  });
}
