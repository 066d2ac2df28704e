import type { Locator, Page } from '@playwright/test';
import {
  demo,
  escapeRegExp,
  expect,
  header,
  hydrated,
  inventedWord,
  type Lang,
  open,
  runId,
  signIn,
  signOut,
  signUp,
  test,
  testPassword,
  ui,
  withTypo,
} from './app';

const content = {
  en: {
    category: { slug: 'help', name: 'Help & How-to' },
    title: (word: string) => `Nightly ${word} backups stop after one run`,
    body: 'The nightly backup runs once, then never again. Which setting keeps it going?',
    reply: (id: string) => `Check that the scheduler is still enabled after the first run (ref ${id}).`,
    edited: 'The nightly backup runs once, then never again. Update: only on the staging server.',
  },
  fr: {
    category: { slug: 'entraide', name: 'Entraide' },
    title: (word: string) => `Les sauvegardes ${word} s’arrêtent après une nuit`,
    body: 'La sauvegarde de nuit tourne une fois, puis plus jamais. Quel réglage la garde active ?',
    reply: (id: string) => `Vérifiez que le planificateur reste activé après la première nuit (réf. ${id}).`,
    edited:
      'La sauvegarde de nuit tourne une fois, puis plus jamais. Précision : seulement en préproduction.',
  },
} as const;

/**
 * Reloads the page until `locator` shows: for what background work (notification and search
 * listeners) produces a moment after the request that caused it.
 */
async function reloadUntilVisible(page: Page, locator: Locator): Promise<void> {
  await expect(async () => {
    if (!(await locator.isVisible())) {
      await page.reload();
      await hydrated(page);
    }
    await expect(locator).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

async function searchFromHeader(page: Page, lang: Lang, q: string): Promise<void> {
  const t = ui[lang];
  const box = header(page).getByRole('searchbox', { name: t.headerSearch });
  await box.fill(q);
  await box.press('Enter');
  await expect(page).toHaveURL(`/search?q=${encodeURIComponent(q)}`);
}

/** The whole forum flow, from two sign-ups to a moderator reading the edit history. */
export function forumFlow(lang: Lang): void {
  const t = ui[lang];
  const text = content[lang];

  test(`forum flow in ${ui[lang].languageName}: topic, reply, notification, search, edit, history`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const id = runId();
    const author = `ada_${id}`;
    const replier = `bo_${id}`;
    const word = inventedWord(id);
    const title = text.title(word);
    let topicPath = '';

    await test.step(`sign up choosing ${t.languageName}`, async () => {
      await signUp(page, { username: author, locale: lang });
      // The whole interface now speaks the chosen language.
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(header(page).getByRole('button', { name: t.searchSubmit, exact: true })).toBeVisible();
      await expect(
        header(page).getByRole('link', { name: new RegExp(`^${t.notifications}( \\d+ ${t.unread})?$`) }),
      ).toBeVisible();
    });

    await test.step(`create a topic in “${text.category.name}”`, async () => {
      await open(page, `/c/${text.category.slug}`);
      await expect(page.getByRole('heading', { level: 1, name: text.category.name })).toBeVisible();
      await page.getByRole('link', { name: t.newTopic, exact: true }).click();
      await expect(page).toHaveURL(`/new-topic?category=${text.category.slug}`);
      const category = page.locator('select#new-topic-category');
      await expect(category.locator('option:checked')).toHaveText(text.category.name);
      await page.getByLabel(t.title, { exact: true }).fill(title);
      await page.getByLabel(t.body, { exact: true }).fill(text.body);
      await page.getByRole('button', { name: t.createTopic }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page).toHaveURL(/\/t\/[^/]+\/\d+$/);
      await expect(page.locator('article[data-post-number="1"]')).toContainText(text.body);
      topicPath = new URL(page.url()).pathname;
    });

    await test.step('sign out', async () => {
      await signOut(page, lang);
      await expect(header(page).getByRole('link', { name: author, exact: true })).toHaveCount(0);
      // Signed out, the visitor keeps the language chosen at sign-up.
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(header(page).getByRole('link', { name: t.signUp, exact: true })).toBeVisible();
    });

    await test.step('a second account replies to the topic', async () => {
      // After signing out, the sign-up form is already in the language chosen before.
      await signUp(page, { username: replier, locale: lang });
      await open(page, topicPath);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const replyBox = page.getByLabel(t.replyLabel, { exact: true });
      await replyBox.fill(text.reply(id));
      await page.getByRole('button', { name: t.postReply }).click();
      const reply = page.locator('article[data-post-number="2"]');
      await expect(reply).toContainText(text.reply(id));
      await expect(reply.getByRole('heading', { name: replier })).toBeVisible();
      await expect(replyBox).toHaveValue('');
      await signOut(page, lang);
    });

    await test.step('the author is told about the reply', async () => {
      await signIn(page, { username: author, password: testPassword, locale: lang });
      const bell = header(page).getByRole('link', {
        name: new RegExp(`^${t.notifications} \\d+ ${t.unread}$`),
      });
      await reloadUntilVisible(page, bell);
      const count = await bell.getByTestId('unread-count').textContent();
      const unread = Number(/\d+/.exec(count ?? '')?.[0]);
      expect(unread).toBeGreaterThanOrEqual(1);

      await bell.click();
      await expect(page).toHaveURL('/notifications');
      const message = t.replied(replier, title);
      const item = page.getByRole('main').getByRole('link', { name: message });
      await expect(item).toBeVisible();
      await expect(item).toHaveAccessibleName(`${t.unreadPrefix} ${message}`);

      // The text may wrap over two lines: click its first words, as a person would.
      await item.click({ position: { x: 12, y: 8 } });
      await expect(page).toHaveURL(new RegExp(`${escapeRegExp(topicPath)}#post-2$`));
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const reply = page.locator('article[data-post-number="2"]');
      await expect(reply).toContainText(text.reply(id));
      await expect(reply).toBeInViewport();

      // Back on the notifications page, the reply is read and the header counts one fewer.
      await expect(async () => {
        await open(page, '/notifications');
        await expect(item).toHaveAccessibleName(message, { timeout: 1_000 });
      }).toPass({ timeout: 10_000 });
      await expect(
        header(page).getByRole('link', { name: new RegExp(`^${t.notifications}`) }),
      ).toHaveAccessibleName(
        unread > 1 ? new RegExp(`^${t.notifications} ${unread - 1} ${t.unread}$`) : t.notifications,
      );
    });

    await test.step('search finds the topic by a title word, even with a typo', async () => {
      const hit = page
        .getByRole('main')
        .getByRole('listitem')
        .filter({ has: page.getByText(t.topicHit, { exact: true }) })
        .getByRole('link', { name: title });
      await searchFromHeader(page, lang, word);
      await expect(page.getByRole('heading', { level: 2, name: t.results })).toBeVisible();
      await reloadUntilVisible(page, hit);

      const typo = withTypo(word);
      expect(typo).not.toBe(word);
      await searchFromHeader(page, lang, typo);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(typo);
      await expect(hit).toBeVisible();
      await hit.click();
      await expect(page).toHaveURL(new RegExp(`${escapeRegExp(topicPath)}(#.*)?$`));
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    });

    await test.step('the author edits the opening post', async () => {
      await open(page, topicPath);
      const opening = page.locator('article[data-post-number="1"]');
      await expect(opening.getByTestId('edited')).toHaveCount(0);
      await opening.getByRole('button', { name: t.edit, exact: true }).click();
      const form = opening.getByRole('form', { name: t.editForm });
      const body = form.getByLabel(t.body, { exact: true });
      await expect(body).toHaveValue(text.body);
      await body.fill(text.edited);
      await form.getByRole('button', { name: t.save }).click();
      await expect(form).toHaveCount(0);
      await expect(opening).toContainText(text.edited);
      await expect(opening.getByTestId('edited')).toHaveText(new RegExp(t.edited));

      // Still there after a fresh load, as everyone else sees it.
      await open(page, topicPath);
      await expect(opening).toContainText(text.edited);
      await expect(opening).not.toContainText(text.body);
      await expect(opening.getByTestId('edited')).toBeVisible();
      await signOut(page, lang);
    });

    await test.step('a moderator reads the earlier version', async () => {
      const moderator = demo.moderator;
      const m = ui[moderator.locale];
      await signIn(page, { ...moderator, password: demo.password });
      await open(page, topicPath);
      const opening = page.locator('article[data-post-number="1"]');
      await expect(opening).toContainText(text.edited);
      const history = opening.getByRole('button', { name: m.history, exact: true });
      await expect(history).toHaveAttribute('aria-expanded', 'false');
      await history.click();
      await expect(history).toHaveAttribute('aria-expanded', 'true');
      const versions = opening.getByRole('region', { name: m.historyTitle });
      await expect(versions).toContainText(text.body);
      await expect(versions).toContainText(author);
    });
  });
}
