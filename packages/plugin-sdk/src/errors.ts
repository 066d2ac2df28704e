import { zValidator } from '@hono/zod-validator';
import { hitRateLimit, type Limit, type Queryable } from '@parvis/db';
import type { ValidationTargets } from 'hono';
import type { ZodError, ZodType } from 'zod';

/** Failures a plugin's route may answer with; the host gives each its one HTTP status. */
export type PluginErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited';

/** A message key (core's or the plugin's own `messages`) and its placeholders. */
export interface FieldMessage {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Thrown by a plugin's routes. The host answers with the project's one error shape,
 * `{ error: { code, message, fields? }, requestId }`, translating the keys into the
 * requester's language, exactly as for its own routes.
 */
export class PluginError extends Error {
  constructor(
    readonly code: PluginErrorCode,
    readonly messageKey: string = `error.${code}`,
    readonly fields?: Record<string, FieldMessage>,
    /** With `rate_limited`: sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    this.name = 'PluginError';
  }
}

/** A 400 naming one field, e.g. `fieldError('postId', 'support.field.post_deleted')`. */
export function fieldError(field: string, key: string, params?: Record<string, string | number>) {
  return new PluginError('validation', 'error.validation', { [field]: params ? { key, params } : { key } });
}

/** Request data that failed its schema; the host maps the issues to field messages like its own. */
export class PluginValidationError extends Error {
  constructor(
    readonly issues: ZodError,
    /** The data that failed, to tell a missing value from a wrong one. */
    readonly input?: unknown,
  ) {
    super('validation');
    this.name = 'PluginValidationError';
  }
}

/** zValidator for plugin routes: failures become the host's 400 with translated field errors. */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw new PluginValidationError(result.error as unknown as ZodError, result.data);
  });
}

/**
 * Counts one hit on the host's shared rate-limit counters and answers 429 (with the seconds to
 * wait) when over the limit. Plugins prefix `key` with their id so counters never collide.
 */
export async function enforceRateLimit(db: Queryable, key: string, limit: Limit): Promise<void> {
  const wait = await hitRateLimit(db, key, limit);
  if (wait > 0) throw new PluginError('rate_limited', 'error.rate_limited', undefined, wait);
}
