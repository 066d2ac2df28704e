import type { Browser, BrowserContext, Page } from '@playwright/test';
import { demo, expect, hydrated, pageProbe, runId, test, ui, visitor } from './support/app';

// Two people on the same topic, each in a browser context of their own: what one does shows up
// for the other without a reload (server-sent events), and so does who is writing a reply.

const t = ui.en;
const alice = demo.memberEn; // Priya Shah
const bob = demo.keyboardUser; // Tom Becker

let contexts: Record<'a' | 'b', BrowserContext>;

async function signedIn(browser: Browser, baseURL: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', extraHTTPHeaders: visitor() });
  await context.addInitScript(pageProbe);
  const response = await context.request.post('/api/v1/auth/sign-in', {
    data: { login: username, password: demo.password },
    headers: { Origin: new URL(baseURL).origin },
  });
  if (!response.ok())
    throw new Error(`Signing in as ${username}: ${response.status()} ${await response.text()}`);
  return context;
}

async function api(context: BrowserContext, path: string, data: unknown) {
  const baseURL = test.info().project.use.baseURL ?? '';
  const response = await context.request.post(`/api/v1${path}`, {
    data,
    headers: { Origin: new URL(baseURL).origin },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

async function newTopic(title: string): Promise<{ id: number; path: string }> {
  const list = await contexts.a.request.get('/api/v1/categories');
  const { categories } = (await list.json()) as { categories: { id: number; slug: string }[] };
  const help = categories.find((c) => c.slug === 'help');
  if (!help) throw new Error('no help category in the demo data');
  const { topic } = await api(contexts.a, '/topics', {
    categoryId: help.id,
    title,
    body: 'Our badge printer stopped printing after the update. Any idea?',
  });
  return { id: topic.id, path: `/t/${topic.slug}/${topic.id}` };
}

/** Opens a topic page and waits until the page is interactive and its live stream is open. */
async function openLive(page: Page, path: string) {
  const stream = page.waitForResponse((r) => /\/api\/v1\/topics\/\d+\/live$/.test(new URL(r.url()).pathname));
  await page.goto(path);
  await hydrated(page);
  expect((await stream).status()).toBe(200);
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    (window as { __sameDocument?: boolean }).__sameDocument = true;
  });
}

const sameDocument = (page: Page) =>
  page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);

test.describe('live topic page', () => {
  test.beforeAll(async ({ browser }, info) => {
    const baseURL = info.project.use.baseURL ?? '';
    contexts = {
      a: await signedIn(browser, baseURL, alice.username),
      b: await signedIn(browser, baseURL, bob.username),
    };
  });
  test.afterAll(async () => {
    await contexts?.a.close();
    await contexts?.b.close();
  });

  test('a reply posted in one browser appears in the other without a reload, once', async () => {
    const topic = await newTopic(`Badge printer offline ${runId()}`);
    const pageA = await contexts.a.newPage();
    const pageB = await contexts.b.newPage();
    await openLive(pageA, topic.path);
    await openLive(pageB, topic.path);

    const text = `Try power-cycling the printer, then reinstall its driver (${runId()}).`;
    await pageB.getByLabel(t.replyLabel, { exact: true }).fill(text);
    await pageB.getByRole('button', { name: t.postReply }).click();
    await expect(pageB.getByRole('article').filter({ hasText: text })).toHaveCount(1);

    const arrived = pageA.getByRole('article').filter({ hasText: text });
    await expect(arrived).toHaveCount(1);
    await expect(arrived.getByRole('heading', { name: bob.displayName })).toBeVisible();
    await expect(pageA.getByTestId('announcer')).toHaveText(`New reply from ${bob.displayName}`);
    await expect(pageA.getByText('1 reply', { exact: true })).toBeVisible();
    expect(await sameDocument(pageA)).toBe(true);

    // The author's own page shows the reply once, though the stream announced it too.
    await pageB.waitForTimeout(1_000);
    await expect(pageB.getByRole('article').filter({ hasText: text })).toHaveCount(1);
    await expect(pageA.getByRole('article').filter({ hasText: text })).toHaveCount(1);

    // An edit made elsewhere shows up in place too.
    const page = await (await contexts.b.request.get(`/api/v1/topics/${topic.id}`)).json();
    const replyId = page.posts.find((p: { number: number }) => p.number === 2).id;
    const edited = `${text} Update: it was the driver after all.`;
    const patch = await contexts.b.request.patch(`/api/v1/posts/${replyId}`, {
      data: { body: edited },
      headers: { Origin: new URL(test.info().project.use.baseURL ?? '').origin },
    });
    expect(patch.ok()).toBe(true);
    await expect(pageA.getByRole('article').filter({ hasText: 'it was the driver after all' })).toHaveCount(
      1,
    );
    await expect(pageA.getByRole('article').filter({ hasText: edited }).getByText(t.edited)).toBeVisible();
    expect(await sameDocument(pageA)).toBe(true);
    await pageA.close();
    await pageB.close();
  });

  test('typing in the reply box shows “… is writing a reply” to the other person', async () => {
    const topic = await newTopic(`Who answers the printer question ${runId()}`);
    const pageA = await contexts.a.newPage();
    const pageB = await contexts.b.newPage();
    await openLive(pageA, topic.path);
    await openLive(pageB, topic.path);

    const composingOnB = pageB.getByTestId('composing');
    await expect(composingOnB).toHaveText('');
    await pageA.getByLabel(t.replyLabel, { exact: true }).pressSequentially('I think it is the driver');
    await expect(composingOnB).toHaveText(`${alice.displayName} is writing a reply…`);
    // Never about yourself.
    await expect(pageA.getByTestId('composing')).toHaveText('');
    expect(await sameDocument(pageB)).toBe(true);

    // Leaving the reply box says so at once.
    await pageA.getByRole('heading', { level: 1 }).click();
    await expect(composingOnB).toHaveText('');
    await pageA.close();
    await pageB.close();
  });

  test('on an earlier page, new replies show as a link to the last page', async () => {
    const topic = await newTopic(`Long printer thread ${runId()}`);
    // 20 posts make page one full: the next reply starts page two.
    for (let n = 1; n <= 19; n++) {
      await api(contexts.b, `/topics/${topic.id}/posts`, { body: `Earlier reply number ${n}.` });
    }
    const pageA = await contexts.a.newPage();
    await openLive(pageA, topic.path);
    await expect(pageA.getByRole('article')).toHaveCount(20);

    const text = `The first reply on page two (${runId()}).`;
    await api(contexts.b, `/topics/${topic.id}/posts`, { body: text });
    const more = pageA.getByRole('link', { name: '1 new reply — show' });
    await expect(more).toBeVisible();
    await expect(pageA.getByRole('article')).toHaveCount(20);
    await expect(pageA.getByTestId('announcer')).toHaveText('1 new reply');
    await more.click();
    await expect(pageA).toHaveURL(/\?page=2$/);
    await expect(pageA.getByRole('article').filter({ hasText: text })).toBeVisible();
    await pageA.close();
  });
});
