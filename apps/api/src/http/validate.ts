import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { fromZodError } from './errors';

/** zValidator whose failures become our one error shape (400 with translated field errors). */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw fromZodError(result.error as never, result.data);
  });
}
