/**
 * The peer for the media benchmark: @fastify/static serving a directory of plaintext files, in its
 * own process. Prints `LISTENING <url>`; 127.0.0.1 only; stops on SIGTERM.
 */
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

const root = process.argv[2];
if (!root) {
  console.error('usage: media-static-server.ts <directory>');
  process.exit(2);
}
const app = Fastify({ logger: false });
await app.register(fastifyStatic, { root, index: false, wildcard: true });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`LISTENING ${address}`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
