// `npm start`: builds the client and the server when missing or older than their sources, then
// runs the compiled server under plain node on the embedded default (SQLite file + local media
// folder under ./data, demo workspace, development mode). A production start runs the build
// directly (`npm run build`, then `npm run start:prod`; README).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildServerIfStale, newestMtime, root, serverEnv, serverNodeFlags } from './build-server.mjs';

const builtIndex = path.join(root, 'dist/client/index.html');

const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
if (newestMtime(path.join(root, 'client'), path.join(root, 'shared')) > builtAt) {
  console.log('Client bouwen…');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const entry = await buildServerIfStale();

const env = { KIJKRUIMTE_DEMO: '1', NODE_ENV: 'development', ...serverEnv, ...process.env };
const server = spawn(process.execPath, [...serverNodeFlags, entry], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
