import { randomBytes } from 'node:crypto';
import {
  type Connection,
  connect,
  dropDatabase,
  ensureDatabase,
  migrateDatabase,
  withDatabase,
} from './connection';

/**
 * A fresh, migrated database for one test file on the real server at `TEST_DATABASE_ADMIN_URL`
 * (set by the test global setup: the CI PostgreSQL from DATABASE_URL, or an embedded one).
 */
export async function createTestDatabase(): Promise<Connection & { drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run tests through vitest global setup');
  const name = `parvis_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const connection = connect(withDatabase(adminUrl, name), { max: 5 });
  await migrateDatabase(connection.db);
  return {
    ...connection,
    async drop() {
      await connection.close();
      await dropDatabase(adminUrl, name);
    },
  };
}
