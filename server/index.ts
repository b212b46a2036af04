import { buildApp } from './app.ts';
import { demoAccounts, demoPassword } from './auth/demo.ts';
import { loadConfig } from './config/index.ts';
import { scheduleMemoryReport } from './memory-report.ts';

/** Process entry: parse config, build, listen, and shut down gracefully on SIGINT/SIGTERM. */
const config = loadConfig();
const app = await buildApp({ config });
const address = await app.listen({ port: config.port, host: config.host });
const url = address.replace('127.0.0.1', 'localhost');

console.log(`\nKijkruimte draait op ${url}\n`);
if (config.demo) {
  console.log(`Demo-accounts (wachtwoord: ${demoPassword}):`);
  for (const a of demoAccounts) console.log(`  ${a.role.padEnd(22)} ${a.email}`);
  console.log('');
}
// Machine-readable line for scripts and tests that start the server on port 0.
console.log(`KIJKRUIMTE_LISTENING ${address}`);
scheduleMemoryReport(process.env.KIJKRUIMTE_MEMORY_REPORT);

// For the soak test (`npm run soak`): memory and rooms on stdout, never over HTTP, so no route
// can leak them. With --expose-gc each sample follows a full collection: live memory, not garbage.
const statsMs = Number(process.env.KIJKRUIMTE_SOAK_STATS_MS ?? 0);
if (Number.isFinite(statsMs) && statsMs > 0) {
  const gc = (globalThis as { gc?: () => void }).gc;
  setInterval(() => {
    gc?.();
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const rooms = app.collab.registry.list();
    const line = { t: Date.now(), rss, heapUsed, heapTotal, external, arrayBuffers, gc: gc !== undefined, ...app.collab.stats(), liveRooms: rooms.filter((r) => r.conns.size > 0).length };
    console.log(`KIJKRUIMTE_STATS ${JSON.stringify(line)}`);
  }, statsMs).unref();
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  try {
    await app.close();
    process.exit(0);
  } catch (err) {
    app.log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
