import { type HostEnv, PluginError, PluginValidationError } from '@parvis/plugin-sdk';
import { SearchNotReadyError } from '@parvis/search';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, errorBody, fromZodError } from './errors';

/** PostgreSQL errors caused by the request's data rather than by us. */
function fromDatabaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  if (code === '23505') return new AppError('conflict');
  if (code === '22P02' || code === '22003' || code === '22021' || code === '54000')
    return new AppError('validation');
  return null;
}

/** The one mapper: every failure leaves as `{ error: { code, message, fields? }, requestId }`. */
export function handleError(error: Error, c: Context<HostEnv>) {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  // Plugins cannot import the host: they throw the SDK's errors, answered in the same shape.
  else if (error instanceof PluginError)
    appError = new AppError(error.code, error.messageKey, error.fields, error.retryAfterSeconds);
  else if (error instanceof SearchNotReadyError)
    appError = new AppError('unavailable', 'error.search_starting', undefined, 15);
  else if (error instanceof PluginValidationError) appError = fromZodError(error.issues, error.input);
  else if (error instanceof HTTPException) {
    appError = new AppError(
      error.status === 413
        ? 'payload_too_large'
        : error.status === 404
          ? 'not_found'
          : error.status < 500
            ? 'validation'
            : 'internal',
    );
  } else appError = fromDatabaseError(error) ?? new AppError('internal');
  if (appError.code === 'internal') {
    c.get('services')?.log('unhandled error', {
      requestId: c.get('requestId'),
      path: c.req.path,
      error: error.stack ?? String(error),
    });
  }
  if (appError.retryAfterSeconds) c.header('Retry-After', String(appError.retryAfterSeconds));
  return c.json(
    errorBody(appError, c.get('locale') ?? 'en', c.get('requestId') ?? 'unknown'),
    appError.status,
  );
}
