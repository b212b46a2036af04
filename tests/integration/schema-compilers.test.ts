import Fastify from 'fastify';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../server/plugins/schema-compilers.ts';
import { accessFixture, type AccessFixture } from '../helpers/access-fixture.ts';

/** The CommonJS modules this process has loaded (Fastify and its dependencies are CommonJS). */
const requireCache = createRequire(import.meta.url).cache;
const schemaCompilerModules = (): string[] =>
  Object.keys(requireCache).filter((file) => /[\\/]node_modules[\\/](ajv|@fastify[\\/]ajv-compiler|@fastify[\\/]fast-json-stringify-compiler)[\\/]/.test(file));

let fx: AccessFixture;
beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(async () => fx.close());

describe('OPS-7 Fastify loads its JSON-schema compilers only when a schema is compiled', () => {
  it('a running server that answered valid, invalid and unknown requests has not loaded Ajv', async () => {
    expect((await fetch(`${fx.url}/api/health`)).status).toBe(200);
    const refused = await fetch(`${fx.url}/api/cycles`, {
      method: 'POST',
      headers: { ...fx.headersFor('owner'), 'content-type': 'application/json' },
      body: JSON.stringify({ title: 42 }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    expect((await fetch(`${fx.url}/api/bestaat-niet`)).status).toBe(404);
    expect((await fetch(`${fx.url}/api/cycles`, { headers: fx.headersFor('owner') })).status).toBe(200);

    expect(schemaCompilerModules()).toEqual([]);
  });

  it('a route that does declare a JSON schema is still validated and serialised by the defaults', async () => {
    const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers } });
    app.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
          response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
        },
      },
      async (request) => ({ n: (request.body as { n: number }).n, notInSchema: 'weg' }),
    );
    const bad = await app.inject({ method: 'POST', url: '/echo', payload: { n: 'een' } });
    expect(bad.statusCode).toBe(400);
    const good = await app.inject({ method: 'POST', url: '/echo', payload: { n: 3 } });
    expect(good.json()).toEqual({ n: 3 });
    expect(schemaCompilerModules().length).toBeGreaterThan(0);
    await app.close();
  });
});
