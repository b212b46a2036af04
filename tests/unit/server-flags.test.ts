import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script without type declarations
import { serverEnv, serverNodeFlags } from '../../scripts/build-server.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('OPS-5 every production start runs the server with the same node flags and environment', () => {
  it('npm run start:prod and the Dockerfile pass the flags npm start and the benchmarks take from scripts/build-server.mjs', () => {
    const flags = serverNodeFlags as string[];
    expect(flags).toContain('--enable-source-maps');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const env = Object.entries(serverEnv as Record<string, string>);
    expect(env.length).toBeGreaterThan(0);
    // The operator's own value wins, as `npm start` lets it (`...serverEnv, ...process.env`).
    const prefix = env.map(([k, v]) => `${k}=\${${k}:-${v}} `).join('');
    expect(pkg.scripts['start:prod']).toBe(`${prefix}node ${flags.join(' ')} dist-server/index.mjs`);
    const dockerfile = fs.readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8');
    const cmd = /^CMD (.*)$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...flags, 'dist-server/index.mjs']);
    for (const [k, v] of env) expect(dockerfile).toMatch(new RegExp(`^ENV ${k}=${v}$`, 'm'));
  });
});
