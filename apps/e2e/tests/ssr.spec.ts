import {
  cspViolations,
  demo,
  expect,
  hydrated,
  open,
  test,
  topicPathByTitle,
  ui,
  watchConsole,
} from './support/app';

const seeded = {
  en: { category: 'help', title: 'How do I invite my team members?' },
  fr: {
    category: 'entraide',
    title: 'Comment exporter mes factures en PDF ?',
    opening: 'Je cherche à exporter toutes mes factures de l’année en PDF pour ma comptable.',
    firstReply: 'Télécharger (PDF groupé)',
    secondReply: 'Parfait, ça marche.',
  },
};

const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'en-GB' });

  test('the home page lists the latest topics', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: 'Latest topics' })).toBeVisible();
    await expect(main.getByRole('link', { name: seeded.en.title })).toBeVisible();
    await expect(main.getByRole('link', { name: seeded.fr.title })).toBeVisible();
    expect(await main.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(8);
  });

  test('a topic page shows the text of its posts', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: seeded.fr.title }).click();
    await expect(page.getByRole('heading', { level: 1, name: seeded.fr.title })).toBeVisible();
    await expect(page.locator('article[data-post-number]')).toHaveCount(3);
    await expect(page.locator('article[data-post-number="1"]')).toContainText(seeded.fr.opening);
    await expect(page.locator('article[data-post-number="2"]')).toContainText(seeded.fr.firstReply);
    await expect(page.locator('article[data-post-number="3"]')).toContainText(seeded.fr.secondReply);
  });

  test('the header search still works, as a plain form', async ({ page }) => {
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: ui.en.headerSearch });
    await box.fill('invite');
    await box.press('Enter');
    await expect(page).toHaveURL('/search?q=invite');
    await expect(page.getByRole('main').getByRole('link', { name: seeded.en.title }).first()).toBeVisible();
  });
});

test.describe('with JavaScript', () => {
  test.use({ locale: 'en-GB' });

  test('following links swaps pages in place, with no console errors or hydration warnings', async ({
    page,
  }) => {
    const problems = watchConsole(page);
    await open(page, '/');
    await page.evaluate(() => {
      (window as Window & { __marker?: number }).__marker = 1;
    });
    await page.getByRole('main').getByRole('link', { name: seeded.en.title }).click();
    const title = page.getByRole('heading', { level: 1, name: seeded.en.title });
    await expect(title).toBeVisible();
    await expect(page).toHaveURL(/\/t\/how-do-i-invite-my-team-members\/\d+$/);
    await expect(page).toHaveTitle(new RegExp(seeded.en.title.replace('?', '\\?')));
    // Keyboard and screen-reader users start on the new page's heading.
    await expect(title).toBeFocused();
    expect(await page.evaluate(() => (window as Window & { __marker?: number }).__marker)).toBe(1);

    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Latest topics' })).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
    expect(await page.evaluate(() => (window as Window & { __marker?: number }).__marker)).toBe(1);

    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  test.describe('the Content-Security-Policy blocks nothing the pages use', () => {
    test('signed out', async ({ page }) => {
      const problems = watchConsole(page);
      const topic = await topicPathByTitle(page, seeded.fr.category, seeded.fr.title);
      for (const path of ['/', '/c/help', topic, '/u/hugo', '/search?q=factures', '/sign-in', '/sign-up']) {
        await open(page, path);
        expect(await cspViolations(page), path).toEqual([]);
      }
      expect(problems).toEqual([]);
    });

    test.describe('signed in', () => {
      test.use({ account: demo.memberEn.username });

      test('signed in, writing with the live preview', async ({ page }) => {
        const problems = watchConsole(page);
        // Pictures from other sites are allowed (img-src https:); this machine has no internet.
        await page.route('https://example.com/**', (route) =>
          route.fulfill({ contentType: 'image/png', body: Buffer.from(onePixelPng, 'base64') }),
        );
        const topic = await topicPathByTitle(page, seeded.en.category, seeded.en.title);
        await open(page, topic);
        await page
          .getByLabel(ui.en.replyLabel, { exact: true })
          .fill(
            '**Bold**, `code`, ![an image](https://example.com/x.png) and [a link](https://example.com).',
          );
        const preview = page.getByRole('region', { name: 'Preview' });
        await expect(preview.getByRole('link', { name: 'a link' })).toBeVisible();
        await expect(preview.getByRole('img', { name: 'an image' })).toHaveJSProperty('naturalWidth', 1);
        expect(await cspViolations(page), topic).toEqual([]);
        for (const path of ['/new-topic?category=help', '/notifications', '/u/priya']) {
          await open(page, path);
          expect(await cspViolations(page), path).toEqual([]);
        }
        await hydrated(page);
        expect(problems).toEqual([]);
      });
    });
  });
});
