import type { Page } from '@playwright/test';
import {
  demo,
  expect,
  expectNoAxeViolations,
  expectSignedIn,
  header,
  type Lang,
  open,
  test,
  topicPathByTitle,
  ui,
} from './support/app';

const places = {
  en: {
    browserLocale: 'en-GB',
    member: demo.memberEn,
    category: { slug: 'help', name: 'Help & How-to' },
    topic: { category: 'help', title: 'Installation fails on Windows with error 0x80070005' },
    search: 'invite',
    homeTitle: 'Latest topics',
    signInTitle: 'Sign in',
    signUpTitle: 'Create your account',
    newTopicTitle: 'New topic',
    notificationsTitle: 'Notifications',
    preview: 'Preview',
  },
  fr: {
    browserLocale: 'fr-FR',
    member: demo.memberFr,
    category: { slug: 'entraide', name: 'Entraide' },
    topic: { category: 'entraide', title: 'Comment exporter mes factures en PDF ?' },
    search: 'factures',
    homeTitle: 'Derniers sujets',
    signInTitle: 'Connexion',
    signUpTitle: 'Créer votre compte',
    newTopicTitle: 'Nouveau sujet',
    notificationsTitle: 'Notifications',
    preview: 'Aperçu',
  },
} as const;

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
  const at = places[lang];
  const t = ui[lang];

  test.describe(`axe-core, ${t.languageName}, signed out`, () => {
    test.use({ locale: at.browserLocale });

    test(`home (${lang})`, async ({ page }) => {
      await open(page, '/');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(h1(page, at.homeTitle)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`category (${lang})`, async ({ page }) => {
      await open(page, `/c/${at.category.slug}`);
      await expect(h1(page, at.category.name)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`topic (${lang})`, async ({ page }) => {
      await open(page, await topicPathByTitle(page, at.topic.category, at.topic.title));
      await expect(h1(page, at.topic.title)).toBeVisible();
      await expect(page.locator('article[data-post-number="2"]')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`profile (${lang})`, async ({ page }) => {
      await open(page, `/u/${at.member.username}`);
      await expect(h1(page, new RegExp(at.member.displayName))).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`search results (${lang})`, async ({ page }) => {
      await open(page, `/search?q=${at.search}`);
      await expect(page.getByRole('heading', { level: 2, name: t.results })).toBeVisible();
      await expect(page.locator('main mark').first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`sign-in (${lang})`, async ({ page }) => {
      await open(page, '/sign-in');
      await expect(h1(page, at.signInTitle)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`sign-up (${lang})`, async ({ page }) => {
      await open(page, '/sign-up');
      await expect(h1(page, at.signUpTitle)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`404 page (${lang})`, async ({ page }) => {
      const response = await page.goto('/no-such-page/anywhere');
      expect(response?.status()).toBe(404);
      await expect(h1(page, t.notFound)).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });

  test.describe(`axe-core, ${t.languageName}, signed in`, () => {
    test.use({ account: at.member.username });

    test(`topic with the reply composer in use (${lang})`, async ({ page }) => {
      await open(page, await topicPathByTitle(page, at.topic.category, at.topic.title));
      await expectSignedIn(page, at.member.displayName, lang);
      await page
        .getByLabel(t.replyLabel, { exact: true })
        .fill('A **bold** answer with `code`, a [link](https://example.com) and a list:\n\n- one\n- two');
      const preview = page.getByRole('region', { name: at.preview });
      await expect(preview.getByRole('link', { name: 'link' })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`new topic (${lang})`, async ({ page }) => {
      await open(page, `/new-topic?category=${at.category.slug}`);
      await expect(h1(page, at.newTopicTitle)).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test(`notifications (${lang})`, async ({ page }) => {
      await open(page, '/notifications');
      await expect(h1(page, at.notificationsTitle)).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test.describe('axe-core, forms showing their errors (English)', () => {
  test.use({ locale: 'en-GB' });
  const t = ui.en;

  test('sign-in with errors shown', async ({ page }) => {
    await open(page, '/sign-in');
    await page.getByRole('main').getByRole('button', { name: t.signInSubmit }).click();
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
    await expect(page.getByLabel(t.login, { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });

  test.describe('signed in', () => {
    test.use({ account: demo.memberEn.username });

    test('new topic with errors shown', async ({ page }) => {
      await open(page, `/new-topic?category=${places.en.category.slug}`);
      await page.getByRole('button', { name: t.createTopic }).click();
      await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
      await expect(page.getByLabel(t.title, { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page);
    });
  });
});

test.describe('target size', () => {
  test.use({ locale: 'fr-FR' });

  test('post author links are large enough to tap (WCAG 2.2 target size)', async ({ page }) => {
    await open(page, await topicPathByTitle(page, places.fr.topic.category, places.fr.topic.title));
    await expect(page.locator('#post-2-author a')).toHaveText('Léa Martin');
    await expectNoAxeViolations(page, { rules: ['target-size'], known: [] });
  });
});

test.describe('axe-core, dark colour scheme', () => {
  test.use({ colorScheme: 'dark', locale: 'en-GB' });

  test('topic page (dark)', async ({ page }) => {
    await open(page, await topicPathByTitle(page, places.en.topic.category, places.en.topic.title));
    await expectNoAxeViolations(page);
  });
});

test.describe('keyboard', () => {
  test.use({ locale: 'en-GB' });

  test('Tab reaches the skip link first, and Enter moves focus to the main content', async ({ page }) => {
    await open(page, '/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: ui.en.skipLink });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab continues inside the main content, past the header.
    await page.keyboard.press('Tab');
    await expect(page.locator('main :focus')).toHaveCount(1);
  });

  test('the sign-in form can be filled in and sent with the keyboard alone', async ({ page }) => {
    const t = ui.en;
    const user = demo.keyboardUser;
    await open(page, '/sign-in');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: t.skipLink })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(t.login, { exact: true })).toBeFocused();
    await page.keyboard.type(user.username);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(t.password, { exact: true })).toBeFocused();
    await page.keyboard.type(demo.password);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('main').getByRole('button', { name: t.signInSubmit })).toBeFocused();
    await page.keyboard.press('Enter');
    await expectSignedIn(page, user.displayName, user.locale);
    await expect(header(page).getByRole('link', { name: t.signIn, exact: true })).toHaveCount(0);
  });
});
