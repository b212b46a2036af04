import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script without type declarations
import { serverNodeFlags } from '../../scripts/build-server.mjs';

const root = path.resolve(import.meta.dirname, '../..');

describe('OPS-5 every production start runs the server with the same node flags', () => {
  it('npm run start:prod and the Dockerfile pass the flags npm start and the benchmarks take from scripts/build-server.mjs', () => {
    const flags = serverNodeFlags as string[];
    expect(flags).toContain('--enable-source-maps');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).toBe(`node ${flags.join(' ')} dist-server/index.mjs`);
    const cmd = /^CMD (.*)$/m.exec(fs.readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...flags, 'dist-server/index.mjs']);
  });
});
