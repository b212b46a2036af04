/**
 * A second peer for side-by-side benchmarks: Hocuspocus 3 (`@hocuspocus/server`; 4.x needs Node
 * 22) with its defaults and no persistence, like the reference (and, for the scenario over several
 * processes, its Redis extension). Run as a child
 * process (`node --import tsx bench/hocuspocus-server.ts`, or bundled); prints
 * `HOCUS_LISTENING <url>`. Only ever listens on 127.0.0.1.
 *
 * Hocuspocus speaks its own framing on top of the y-websocket messages (every message starts with
 * the document name, and a connection must authenticate per document first), so the unmodified
 * y-websocket client cannot talk to it: the load generator uses `@hocuspocus/provider` for this
 * server (bench/loadgen.ts). Document names are taken from the message, not the URL path.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';

// HOCUS_REDIS_URL: one of several processes, fanned out through Redis with Hocuspocus's own
// extension (the peer of our REDIS_URL scenario in edit-latency, bench/README.md).
const redisUrl = process.env.HOCUS_REDIS_URL ? new URL(process.env.HOCUS_REDIS_URL) : null;

const server = new Server({
  extensions: redisUrl ? [new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port) })] : [],
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  // The benchmark ends the process itself; Hocuspocus's own signal handling would race it.
  stopOnSignals: false,
});

await server.listen();
console.log(`HOCUS_LISTENING http://127.0.0.1:${server.address.port}`);

function shutdown(): void {
  void server.destroy().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
