import type { z } from 'zod';
import { AppError } from './errors.ts';

/** Validates a request body with its shared zod schema; invalid input changes nothing. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('validation_failed', result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}
