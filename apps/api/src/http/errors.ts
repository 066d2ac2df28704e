import { type Locale, translate } from '@parvis/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
// Some error messages (e.g. `error.email_unconfirmed`) are in the server's own catalog.
import '../i18n';

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'email_unconfirmed'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'csrf'
  | 'invalid_credentials'
  | 'invalid_link'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

const statusOf: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_link: 400,
  forbidden: 403,
  email_unconfirmed: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/**
 * The one error type. `messageKey` and `fields` hold i18n keys; the mapper translates them into
 * the requester's language so every error response has the same shape.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string = `error.${code}`,
    readonly fields?: Record<string, { key: string; params?: Record<string, string | number> }>,
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const unauthenticated = () => new AppError('unauthenticated');
export function fieldError(
  field: string,
  key: string,
  params?: Record<string, string | number>,
  code: ErrorCode = 'validation',
) {
  return new AppError(code, code === 'validation' ? 'error.validation' : `error.${code}`, {
    [field]: { key, params },
  });
}

/** The value at `path` in the data that failed, or undefined when it is absent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Maps a zod issue to one of our field messages. `input` is the data that failed: zod does not
 * keep it in its issues, and it tells a missing value ("required") from a wrong one ("not valid").
 */
export function fromZodError(error: ZodError, input?: unknown): AppError {
  const fields: NonNullable<AppError['fields']> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    if (fields[field]) continue;
    if (issue.code === 'too_small' && typeof issue.minimum === 'number' && issue.origin === 'string') {
      fields[field] =
        issue.minimum <= 1
          ? { key: 'field.required' }
          : { key: 'field.too_short', params: { min: issue.minimum } };
    } else if (issue.code === 'too_big' && typeof issue.maximum === 'number' && issue.origin === 'string') {
      fields[field] = { key: 'field.too_long', params: { max: issue.maximum } };
    } else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      fields[field] = { key: 'field.required' };
    } else if (issue.code === 'invalid_format' && issue.format === 'email') {
      fields[field] = { key: 'field.invalid_email' };
    } else if (issue.code === 'invalid_format' && field === 'username') {
      fields[field] = { key: 'field.invalid_username' };
    } else {
      fields[field] = { key: 'field.invalid' };
    }
  }
  return new AppError('validation', 'error.validation', fields);
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
  requestId: string;
}

export function errorBody(error: AppError, locale: Locale, requestId: string): ErrorBody {
  const body: ErrorBody = {
    error: { code: error.code, message: translate(locale, error.messageKey) },
    requestId,
  };
  if (error.fields) {
    body.error.fields = Object.fromEntries(
      Object.entries(error.fields).map(([name, f]) => [name, translate(locale, f.key, f.params)]),
    );
  }
  return body;
}
