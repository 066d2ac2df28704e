import { expect, open, test } from './support/app';

const cards = {
  en: { browserLocale: 'en-GB', title: 'New here?', text: 'search before you ask' },
  fr: {
    browserLocale: 'fr-FR',
    title: 'Nouveau ici ?',
    text: 'faites une recherche avant de poser votre question',
  },
} as const;

for (const [lang, card] of Object.entries(cards)) {
  test.describe(`welcome plugin (${lang})`, () => {
    test.use({ locale: card.browserLocale });

    test(`the home page shows the “${card.title}” card`, async ({ page }) => {
      await open(page, '/');
      const welcome = page.locator('[data-plugin="welcome"]');
      await expect(welcome).toHaveCount(1);
      await expect(welcome.getByRole('heading', { name: card.title })).toBeVisible();
      await expect(welcome).toContainText(card.text);
      // It sits with the community sidebar, not inside the topic list.
      await expect(page.getByRole('complementary').locator('[data-plugin="welcome"]')).toBeVisible();
    });
  });
}

test.describe('welcome plugin without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'en-GB' });

  test('the card is part of the server-rendered page', async ({ page }) => {
    await page.goto('/');
    await expect(
      page.locator('[data-plugin="welcome"]').getByRole('heading', { name: 'New here?' }),
    ).toBeVisible();
  });
});
