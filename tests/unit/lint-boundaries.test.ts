import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture's import boundaries are enforced by lint; this proves the rules bite.
const eslint = new ESLint();

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
  it('both sides may import shared/', async () => {
    expect(await ruleIds("import { limits } from '../shared/limits/index.ts';\nexport const y = limits;\n", 'client/y.ts')).toEqual([]);
  });
});
