import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

/** Whether a parsed JSON value holds U+0000 in any string (key or value). */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    return Object.entries(value).some(([k, v]) => k.includes('\0') || holdsNul(v));
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
