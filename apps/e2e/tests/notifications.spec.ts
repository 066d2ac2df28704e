import { expect, header, hydrated, runId, signUp, test, ui } from './support/app';

test.describe('notifications', () => {
  test.use({ locale: 'en-GB' });

  test('the header count drops as soon as a notification is followed, whatever order responses arrive in', async ({
    page,
  }) => {
    const t = ui.en;
    const username = `cy_${runId()}`;
    await signUp(page, { username, locale: 'en' });
    // New accounts get a welcome notification from the welcome plugin.
    const bell = header(page).getByRole('link', { name: new RegExp(`^${t.notifications}`) });
    await expect(async () => {
      await page.reload();
      await hydrated(page);
      await expect(bell).toHaveAccessibleName(`${t.notifications} 1 unread`, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await bell.click();
    await expect(page).toHaveURL('/notifications');
    const item = page.getByRole('main').getByRole('link', { name: new RegExp(username) });
    await expect(item).toHaveAccessibleName(new RegExp(`^${t.unreadPrefix}`));

    // A slow network: the session read for the next page is answered after the mark-as-read.
    // (An app that waits for the mark before navigating sends no such read meanwhile: each side
    // then goes through alone after a second, so neither waits for the other forever.)
    let sessionFetched = () => {};
    const sessionReady = new Promise<void>((resolve) => {
      sessionFetched = resolve;
    });
    let markDelivered = () => {};
    const markReady = new Promise<void>((resolve) => {
      markDelivered = resolve;
    });
    await page.route('**/api/v1/notifications/read', async (route) => {
      await Promise.race([sessionReady, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      const response = await route.fetch();
      await route.fulfill({ response });
      markDelivered();
    });
    await page.route('**/api/v1/session', async (route) => {
      const response = await route.fetch();
      sessionFetched();
      await Promise.race([markReady, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await route.fulfill({ response });
    });

    await item.click({ position: { x: 12, y: 8 } });
    await expect(page).toHaveURL(`/u/${username}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(username);
    await expect(bell).toHaveAccessibleName(t.notifications, { timeout: 3_000 });
  });
});

test.describe('notifications in French', () => {
  test('one unread notification is announced in the singular', async ({ page }) => {
    const t = ui.fr;
    await signUp(page, { username: `dee_${runId()}`, locale: 'fr' });
    // The welcome plugin greets every new account with one notification.
    const bell = header(page).getByRole('link', { name: new RegExp(`^${t.notifications} 1 `) });
    await expect(async () => {
      await page.reload();
      await hydrated(page);
      await expect(bell).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(bell).toHaveAccessibleName(`${t.notifications} 1 non lue`, { timeout: 2_000 });
  });
});
