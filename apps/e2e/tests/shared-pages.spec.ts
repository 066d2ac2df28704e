import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
  expect,
  header,
  hydrated,
  pageProbe,
  runId,
  test,
  testPassword,
  topicPathByTitle,
  ui,
  visitor,
  watchConsole,
} from './support/app';

// Members reading a thread they took no part in are served one rendering of it, completed with
// each one's own header. These pages must hydrate as if rendered for each of them, and turn
// into their own page as soon as they take part.

const t = ui.en;
const seededTitle = 'How do I invite my team members?';

async function newMember(browser: Browser, baseURL: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', extraHTTPHeaders: visitor() });
  await context.addInitScript(pageProbe);
  const response = await context.request.post('/api/v1/auth/sign-up', {
    data: { username, email: `${username}@example.test`, password: testPassword, locale: 'en' },
    headers: { Origin: new URL(baseURL).origin },
  });
  if (!response.ok())
    throw new Error(`Signing up ${username}: ${response.status()} ${await response.text()}`);
  return context;
}

const likeButton = (page: Page) => page.locator('#post-1 .post-actions button.like');
const likeCount = (page: Page) => likeButton(page).getByTestId('like-count');

test('members share one rendering of topic lists and of threads they took no part in, each with their own header', async ({
  browser,
  baseURL,
}) => {
  const id = runId();
  const names = { a: `reader_a_${id}`, b: `reader_b_${id}` };
  const contexts = {
    a: await newMember(browser, baseURL!, names.a),
    b: await newMember(browser, baseURL!, names.b),
  };
  try {
    const a = await contexts.a.newPage();
    const b = await contexts.b.newPage();
    const problems = { a: watchConsole(a), b: watchConsole(b) };
    const topic = await topicPathByTitle(a, 'help', seededTitle);

    for (const [page, name] of [
      [a, names.a],
      [b, names.b],
    ] as const) {
      await page.goto(topic);
      await hydrated(page);
      await expect(header(page).getByRole('link', { name, exact: true })).toBeVisible();
      await expect(page.getByLabel(t.replyLabel, { exact: true })).toBeVisible();
      await expect(likeButton(page)).toHaveAttribute('aria-pressed', 'false');
    }
    await expect(header(a).getByRole('link', { name: names.b })).toHaveCount(0);
    await expect(header(b).getByRole('link', { name: names.a })).toHaveCount(0);

    // Topic lists too: the latest topics, then on to a thread without a full load.
    for (const [page, name] of [
      [a, names.a],
      [b, names.b],
    ] as const) {
      await page.goto('/');
      await hydrated(page);
      await expect(header(page).getByRole('link', { name, exact: true })).toBeVisible();
      await page.getByRole('main').getByRole('link', { name: seededTitle }).first().click();
      await expect(page.getByRole('heading', { level: 1, name: seededTitle })).toBeVisible();
      await expect(page.getByLabel(t.replyLabel, { exact: true })).toBeVisible();
    }

    // Liking makes the page A's own: it stays pressed for A after a reload, and only for A.
    const before = Number(await likeCount(a).textContent());
    await likeButton(a).click();
    await expect(likeButton(a)).toHaveAttribute('aria-pressed', 'true');
    await expect(likeCount(a)).toHaveText(String(before + 1));
    await a.reload();
    await hydrated(a);
    await expect(likeButton(a)).toHaveAttribute('aria-pressed', 'true');
    await b.reload();
    await hydrated(b);
    await expect(likeCount(b)).toHaveText(String(before + 1));
    await expect(likeButton(b)).toHaveAttribute('aria-pressed', 'false');

    // The composer of a shared page works, and B's reply is then B's to edit.
    const reply = `Thanks, that worked for our team too (${id}).`;
    await b.getByLabel(t.replyLabel, { exact: true }).fill(reply);
    await b.getByRole('button', { name: t.postReply }).click();
    const posted = b.getByRole('article').filter({ hasText: reply });
    await expect(posted).toBeVisible();
    await b.reload();
    await hydrated(b);
    await expect(
      b.getByRole('article').filter({ hasText: reply }).getByRole('button', { name: t.edit }),
    ).toBeVisible();

    expect(problems.a).toEqual([]);
    expect(problems.b).toEqual([]);
  } finally {
    await contexts.a.close();
    await contexts.b.close();
  }
});
