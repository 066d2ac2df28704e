import {
  cspViolations,
  demo,
  expect,
  expectNoAxeViolations,
  type Lang,
  open,
  test,
  visitor,
  watchConsole,
} from './support/app';

/** What the FAQ pages say, as people read them (packages/plugins/faq/web). */
const faq = {
  en: {
    browserLocale: 'en-GB',
    title: 'Frequently asked questions',
    searchLabel: 'Search the FAQ',
    article: 'How do I export my invoices as PDF?',
    typo: 'exprot invoices',
    helpful: 'Was this helpful?',
    yes: 'Yes',
    thanks: 'Thank you for your feedback!',
    composerTitle: 'Already answered?',
  },
  fr: {
    browserLocale: 'fr-FR',
    title: 'Questions fréquentes',
    searchLabel: 'Rechercher dans la FAQ',
    article: 'Comment exporter mes factures en PDF ?',
    typo: 'exporter factuers',
    helpful: 'Cette réponse vous a-t-elle aidé ?',
    yes: 'Oui',
    thanks: 'Merci pour votre retour !',
    composerTitle: 'Déjà répondu ?',
  },
} as const;

for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
  const t = faq[lang];

  test.describe(`FAQ, ${lang}`, () => {
    test.use({ locale: t.browserLocale });

    test(`searches as you type with the keyboard, and the pages are accessible (${lang})`, async ({
      page,
    }) => {
      const problems = watchConsole(page);
      await open(page, `/faq?lang=${lang}`);
      await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
      await expectNoAxeViolations(page);

      const box = page.getByLabel(t.searchLabel, { exact: true });
      await box.focus();
      await page.keyboard.type(t.typo, { delay: 30 });
      const first = page.locator('#faq-results a.faq-hit-title').first();
      await expect(first).toHaveText(t.article);
      await expect(page.locator('#faq-results mark').first()).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: /\d/ })).toBeVisible();
      await expectNoAxeViolations(page);

      await page.keyboard.press('ArrowDown');
      await expect(first).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: t.article })).toBeVisible();
      await expectNoAxeViolations(page);
      // Search engines load the page itself: its head carries the FAQPage data.
      await open(page, new URL(page.url()).pathname);
      await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);

      await page.getByRole('button', { name: t.yes, exact: true }).click();
      await expect(page.getByText(t.thanks).first()).toBeVisible();
      await expectNoAxeViolations(page);
      expect(problems).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    });

    test(`works without JavaScript (${lang})`, async ({ browser }) => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        locale: t.browserLocale,
        extraHTTPHeaders: visitor(),
      });
      const page = await context.newPage();
      await page.goto(`/faq?lang=${lang}`);
      await page.getByLabel(t.searchLabel, { exact: true }).fill(t.typo);
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/q=/);
      await expect(page.locator('#faq-results a.faq-hit-title').first()).toHaveText(t.article);
      await context.close();
    });
  });
}

test.describe('FAQ for members and staff', () => {
  test.use({ locale: 'en-GB', account: demo.memberEn.username });

  test('suggests answers while a member writes a question', async ({ page }) => {
    const problems = watchConsole(page);
    await open(page, '/new-topic');
    const aside = page.getByRole('complementary', { name: faq.en.composerTitle });
    await expect(aside).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill('How can I export invoices to PDF');
    await expect(aside.getByRole('link', { name: faq.en.article })).toBeVisible();
    await expectNoAxeViolations(page);
    await aside.getByRole('link', { name: faq.en.article }).click();
    await expect(page.getByRole('heading', { level: 1, name: faq.en.article })).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test.describe('FAQ staff pages', () => {
  test.use({ locale: 'fr-FR', account: demo.moderator.username });

  test('writes an article and reads its history, insights included', async ({ page }) => {
    await open(page, '/faq/new');
    await expectNoAxeViolations(page);
    const question = `Comment activer la double authentification ${Date.now()} ?`;
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByLabel('Réponse', { exact: true }).fill('Dans **Paramètres → Sécurité**.');
    await page.getByLabel('Statut', { exact: true }).selectOption('published');
    await page.getByRole('button', { name: 'Créer l’article' }).click();
    await expect(page.getByRole('heading', { level: 1, name: question })).toBeVisible();
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByLabel('Réponse', { exact: true }).fill('Dans **Paramètres → Sécurité → 2FA**.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('2FA')).toBeVisible();
    await page.getByRole('link', { name: 'Historique' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /Version 2/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await open(page, '/faq/insights');
    await expect(page.getByRole('heading', { level: 1, name: 'FAQ : déflexion et manques' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
