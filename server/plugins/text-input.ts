import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

/**
 * Whether a parsed JSON value holds U+0000 in any string (key or value). Iterative: a body nested
 * 100,000 deep (the fuzzer sends them) must not overflow the stack.
 */
export function holdsNul(value: unknown): boolean {
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v === 'string') {
      if (v.includes('\0')) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) todo.push(item);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\0')) return true;
        todo.push(item);
      }
    }
  }
  return false;
}

/**
 * PGSUITE-4: a request whose text holds U+0000 (in the path, the query or a JSON body) is refused
 * with `validation_failed` before anything reads or writes with it. PostgreSQL cannot store that
 * character in TEXT (nor compare a parameter holding it), so on PostgreSQL such input reached the
 * database and failed there as a 500; SQLite stored it. Now both refuse it alike and change nothing.
 * Registered before the auth plugin, whose access checks query the database with route parameters.
 */
export const textInputPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request) => {
      // The router has decoded the path already; the raw URL still shows the escape.
      if (request.url.includes('%00')) throw new AppError('validation_failed', 'U+0000 in URL');
    });
    app.addHook('preValidation', async (request) => {
      if (holdsNul(request.body)) throw new AppError('validation_failed', 'U+0000 in body');
    });
  },
  { name: 'text-input' },
);
