import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type BuildSerializer = NonNullable<CompilersFactory['buildSerializer']>;

/**
 * Fastify's JSON-schema compilers, loaded on first use (OPS-7). Requests are validated with the
 * shared zod schemas (plugins/validate.ts), so no route declares a JSON schema; yet Fastify loads
 * its default compilers when it starts, and with them three copies of Ajv (≈ 200 modules, about
 * 7 MB of an idle server's memory, bench/README.md "memory"). Handing Fastify factories that load
 * the same defaults when a schema is first compiled keeps its behaviour and that memory free.
 * Resolved from Fastify's own location: they are its dependencies, not ours.
 */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));

/** `load()` runs on the first call; the wrapper then forwards every call to what it returned. */
function onFirstUse<F extends (...args: never[]) => unknown>(load: () => F): F {
  let loaded: F | null = null;
  return ((...args: Parameters<F>) => (loaded ??= load())(...args)) as F;
}

export const lazySchemaCompilers: CompilersFactory = {
  buildValidator: onFirstUse(() => (fromFastify('@fastify/ajv-compiler') as () => BuildValidator)()),
  buildSerializer: onFirstUse(() => (fromFastify('@fastify/fast-json-stringify-compiler') as () => BuildSerializer)()),
};
