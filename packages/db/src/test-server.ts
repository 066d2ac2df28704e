import { startEmbeddedPostgres } from './connection';

/**
 * Vitest global setup: points tests at a real PostgreSQL. Uses DATABASE_URL when given (CI),
 * else starts an embedded server under .data/test-pg for the duration of the run.
 */
export async function startTestPostgres(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return async () => {};
  }
  const port = 55432 + Math.floor(Math.random() * 1000);
  const server = await startEmbeddedPostgres(`${process.cwd()}/.data/test-pg`, port);
  process.env.TEST_DATABASE_ADMIN_URL = server.adminUrl;
  return () => server.stop();
}
