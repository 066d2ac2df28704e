import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSettings } from '../schema/index';
import { createTestDatabase } from '../testing';
import { getSiteSettings, updateSiteSettings } from './settings';

describe('site settings', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('reads the defaults until a setting is stored', async () => {
    expect(await getSiteSettings(database.db)).toEqual({ requireConfirmedEmailToPost: false });
  });

  it('stores a change, says what changed, and nothing when the value is already in force', async () => {
    const first = await database.db.transaction((tx) =>
      updateSiteSettings(tx, { requireConfirmedEmailToPost: true }, null),
    );
    expect(first.settings.requireConfirmedEmailToPost).toBe(true);
    expect(first.changes).toEqual([{ key: 'requireConfirmedEmailToPost', from: false, to: true }]);
    expect(await getSiteSettings(database.db)).toEqual({ requireConfirmedEmailToPost: true });

    const again = await database.db.transaction((tx) =>
      updateSiteSettings(tx, { requireConfirmedEmailToPost: true }, null),
    );
    expect(again.changes).toEqual([]);
  });

  it('ignores rows it does not know or whose value has the wrong type', async () => {
    await database.db.delete(siteSettings);
    await database.db.insert(siteSettings).values([
      { key: 'requireConfirmedEmailToPost', value: 'yes' },
      { key: 'gone', value: true },
    ]);
    expect(await getSiteSettings(database.db)).toEqual({ requireConfirmedEmailToPost: false });
  });
});
