import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture's import boundaries are enforced by lint; this proves the rules bite. The
// files linted here do not exist, so type-aware rules (which need the project) are switched off;
// the last test lints with them, under the path of a real file.
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '');
}

describe('lint boundaries', () => {
  it('client/ may not import server/', async () => {
    expect(await ruleIds("import { buildApp } from '../server/app.ts';\nexport const x = buildApp;\n", 'client/x.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it('server/ may not import client/', async () => {
    expect(await ruleIds("import { x } from '../client/x.ts';\nexport const y = x;\n", 'server/y.ts')).toContain('no-restricted-imports');
  });
  it('shared/ may use neither Node nor DOM', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport const y = fs;\n", 'shared/y.ts')).toContain('no-restricted-imports');
    expect(await ruleIds('export const y = window.location;\n', 'shared/y.ts')).toContain('no-restricted-globals');
  });
  it('LINT-1 only client/collab/ imports y-websocket', async () => {
    const code = "import { WebsocketProvider } from 'y-websocket';\nexport const p = WebsocketProvider;\n";
    expect(await ruleIds(code, 'client/features/x.tsx')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'client/collab/x.ts')).toEqual([]);
    // The client/server wall still stands where the inner wall was added.
    expect(await ruleIds("import { buildApp } from '../../server/app.ts';\nexport const x = buildApp;\n", 'client/features/x.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it('LINT-1 only client/collab/ opens a WebSocket', async () => {
    for (const code of ["export const ws = new WebSocket('ws://x');\n", "export const ws = new window.WebSocket('ws://x');\n"]) {
      expect(await ruleIds(code, 'client/player/x.ts')).toContain('no-restricted-syntax');
      expect(await ruleIds(code, 'client/collab/x.ts')).toEqual([]);
    }
  });
  it('LINT-1 only server/storage/ imports the database driver', async () => {
    for (const driver of ['better-sqlite3', 'pg']) {
      const code = `import Driver from '${driver}';\nexport const d = Driver;\n`;
      expect(await ruleIds(code, 'server/routes/x.ts')).toContain('no-restricted-imports');
      expect(await ruleIds(code, 'server/plugins/x.ts')).toContain('no-restricted-imports');
      expect(await ruleIds(code, 'scripts/x.ts')).toContain('no-restricted-imports');
      expect(await ruleIds(code, 'server/storage/x.ts')).toEqual([]);
    }
    expect(await ruleIds("import type { Database } from 'better-sqlite3';\nexport type D = Database;\n", 'server/media/x.ts')).toContain(
      'no-restricted-imports',
    );
  });
  it('LINT-1 server/routes/ reaches the collaboration server only through server/collab/server.ts', async () => {
    const internal = "import { LimitHook } from '../collab/hooks/limit.ts';\nexport const l = LimitHook;\n";
    expect(await ruleIds(internal, 'server/routes/x.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { RoomRegistry } from '../collab/registry.ts';\nexport const r = RoomRegistry;\n", 'server/routes/x.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds("import { LimitHook } from '../collab/server.ts';\nexport const l = LimitHook;\n", 'server/routes/x.ts')).toEqual([]);
    // Outside routes (the app's assembly, the access module) the internals stay reachable.
    expect(await ruleIds(internal, 'server/config/x.ts')).toEqual([]);
  });
  it('both sides may import shared/', async () => {
    expect(await ruleIds("import { limits } from '../shared/limits/index.ts';\nexport const y = limits;\n", 'client/y.ts')).toEqual([]);
  });

  it('STORE-9 a repository call that is not awaited is refused (no route answers before its check)', async () => {
    const typed = new ESLint();
    const code = [
      "import type { FastifyInstance } from 'fastify';",
      'export function f(app: FastifyInstance): void {',
      "  app.repos.audit.record({ actorId: null, action: 'login' });",
      "  if (app.repos.shares.canView('a', 'b')) return;",
      '}',
      '',
    ].join('\n');
    const [result] = await typed.lintText(code, { filePath: 'server/access/read.ts' });
    const ids = (result?.messages ?? []).map((m) => m.ruleId ?? '');
    expect(ids).toContain('@typescript-eslint/no-floating-promises');
    expect(ids).toContain('@typescript-eslint/no-misused-promises');
  }, 60_000);
});
