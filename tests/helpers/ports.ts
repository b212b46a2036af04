import net from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (a throw-away server retries if it is taken meanwhile). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const atExit = new Set<() => void>();
let listening = false;

/**
 * Runs `fn` when the test process exits without having stopped a throw-away server itself (a
 * crash, an interrupted run). One `exit` listener for all of them, however many a file starts.
 * Returns the function that takes `fn` off the list again.
 */
export function onExit(fn: () => void): () => void {
  if (!listening) {
    listening = true;
    process.once('exit', () => {
      for (const f of atExit) f();
    });
  }
  atExit.add(fn);
  return () => atExit.delete(fn);
}
