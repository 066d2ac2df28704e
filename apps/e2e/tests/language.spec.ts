import { expect, hydrated, open, test } from './support/app';

test.describe('language switch', () => {
  test.use({ locale: 'en-GB' });

  test('a visitor can switch the interface to French and back from the footer', async ({ page }) => {
    await open(page, '/');
    const footer = page.getByRole('contentinfo');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(footer.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { name: 'New here?' })).toBeVisible();

    await footer.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Derniers sujets' })).toBeVisible();
    // Plugins' strings switch too: they come with the language, not with the first page.
    await expect(page.getByRole('heading', { name: 'Nouveau ici ?' })).toBeVisible();
    await expect(footer.getByRole('group', { name: 'Langue :' })).toBeVisible();
    await expect(footer.getByRole('button', { name: 'Français' })).toHaveAttribute('aria-pressed', 'true');
    await hydrated(page);

    // The choice holds on the next page.
    await open(page, '/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();

    await footer.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  });

  test('a page downloads the strings of its own language only', async ({ page }) => {
    const languageFiles: string[] = [];
    page.on('request', (request) => {
      const name = /\/assets\/(messages-[a-z]+)-/.exec(new URL(request.url()).pathname)?.[1];
      if (name) languageFiles.push(name);
    });
    await open(page, '/');
    await hydrated(page);
    expect(languageFiles).toEqual(['messages-en']);
  });
});
