import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from './schema/index';
import { createTestDatabase } from './testing';

describe('database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('migrates and treats usernames case-insensitively', async () => {
    await database.db
      .insert(users)
      .values({ username: 'Alice', email: 'a@example.com', displayName: 'Alice', passwordHash: 'x' });
    const found = await database.db.select().from(users).where(sql`${users.username} = 'alice'`);
    expect(found).toHaveLength(1);
    await expect(
      database.db
        .insert(users)
        .values({ username: 'ALICE', email: 'b@example.com', displayName: 'A', passwordHash: 'x' }),
    ).rejects.toThrow();
  });
});
