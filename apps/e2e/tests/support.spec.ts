import type { Browser } from '@playwright/test';
import {
  demo,
  expect,
  expectNoAxeViolations,
  open,
  test,
  topicPathByTitle,
  visitor,
  watchConsole,
} from './support/app';

/** Questions of the demo community (packages/plugins/support/server/demo.ts). */
const questions = {
  solved: 'Can I restore a deleted project?',
  openWithReply: 'Show my appointments in Google Calendar',
  unanswered: 'Is there a keyboard shortcut to search?',
};

/** Calls the API as another seeded member, as if from their own browser. */
async function asMember(browser: Browser, baseURL: string, username: string) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: visitor() });
  const headers = { Origin: new URL(baseURL).origin };
  const signedIn = await context.request.post('/api/v1/auth/sign-in', {
    data: { login: username, password: demo.password },
    headers,
  });
  expect(signedIn.ok()).toBe(true);
  return {
    put: (path: string, data: unknown) => context.request.put(`/api/v1${path}`, { data, headers }),
    delete: (path: string) => context.request.delete(`/api/v1${path}`, { headers }),
    close: () => context.close(),
  };
}

test.describe('support: Q&A for everyone', () => {
  test.use({ locale: 'en-GB' });

  test('filters a Q&A category by status and shows a solved question’s answer under it', async ({ page }) => {
    const problems = watchConsole(page);
    await open(page, '/c/help');
    const filters = page.getByRole('navigation', { name: 'Show questions' });
    await expect(page.getByRole('link', { name: 'Browse the FAQ' })).toHaveAttribute('href', '/faq');
    await expectNoAxeViolations(page);

    await filters.getByRole('link', { name: 'Solved', exact: true }).click();
    await expect(page).toHaveURL(/\/c\/help\?status=solved$/);
    await expect(filters.getByRole('link', { name: 'Solved', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const titles = page.locator('.topic-list .topic-title');
    await expect(titles.filter({ hasText: questions.solved })).toHaveCount(1);
    await expect(titles.filter({ hasText: questions.unanswered })).toHaveCount(0);
    await expect(titles.filter({ hasText: questions.solved }).getByText('Solved')).toBeVisible();

    await filters.getByRole('link', { name: 'No reply yet' }).click();
    await expect(titles.filter({ hasText: questions.unanswered }).getByText('Unanswered')).toBeVisible();
    await expect(titles.filter({ hasText: questions.solved })).toHaveCount(0);

    await open(page, await topicPathByTitle(page, 'help', questions.solved));
    const answer = page.getByRole('region', { name: 'Accepted answer' });
    await expect(answer).toContainText('Answered by Sam Okafor');
    await expect(answer.getByRole('link', { name: 'Go to the answer' })).toHaveAttribute('href', /#post-2$/);
    await expect(page.locator('#post-2').getByTestId('support-accepted')).toHaveText('Accepted answer');
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
});

test.describe('support: the asker accepts an answer by keyboard', () => {
  test.use({ locale: 'en-GB', account: demo.memberEn.username });

  test('accept, then undo, with announcements', async ({ page }) => {
    await open(page, await topicPathByTitle(page, 'help', questions.openWithReply));
    await expect(page.getByRole('region', { name: 'Question status' })).toContainText('Not solved yet');
    const accept = page.getByRole('button', { name: 'Accept as answer: the reply by Tom Becker' });
    await accept.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('announcer')).toHaveText(
      'The reply by Tom Becker is now the accepted answer.',
    );
    const answer = page.getByRole('region', { name: 'Accepted answer' });
    await expect(answer).toContainText('Answered by Tom Becker');
    await expect(page.locator('#post-2').getByTestId('support-accepted')).toHaveText('Accepted answer');
    await expectNoAxeViolations(page);

    const undo = page.getByRole('button', { name: 'Undo accepted answer: the reply by Tom Becker' });
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('announcer')).toHaveText(
      'The reply by Tom Becker is no longer the accepted answer.',
    );
    await expect(answer).toHaveCount(0);
    await expect(accept).toBeVisible();
  });
});

test.describe('support: staff queue and “I’m on it”', () => {
  test.use({ locale: 'fr-FR', account: demo.moderator.username });

  test('the queue lists open questions; taking over a claim asks first', async ({
    page,
    browser,
    baseURL,
  }) => {
    const problems = watchConsole(page);
    await open(page, '/');
    await page
      .getByRole('navigation', { name: /principale|main/i })
      .getByRole('link', { name: 'File du support' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'File du support' })).toBeVisible();
    const rows = page.locator('.support-table tbody tr');
    await expect(rows.filter({ hasText: questions.solved })).toHaveCount(0);
    await expect(rows.filter({ hasText: questions.unanswered })).toHaveCount(1);
    await expectNoAxeViolations(page);

    const path = await topicPathByTitle(page, 'help', questions.unanswered);
    const topicId = Number(path.split('/').at(-1));
    const sam = await asMember(browser, baseURL!, 'sam');
    expect((await sam.put(`/plugins/support/topics/${topicId}/claim`, {})).status()).toBe(200);

    await open(page, path);
    const status = page.getByRole('region', { name: 'État de la question' });
    await expect(status).toContainText('Sam Okafor s’en occupe.');
    const toggle = status.getByRole('button', { name: 'Je m’en occupe' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('group', { name: 'Sam Okafor s’en occupe déjà. Prendre le relais ?' });
    await expect(confirm).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await expect(confirm.getByRole('button', { name: 'Prendre le relais' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('announcer')).toHaveText('Vous vous occupez de cette question.');
    await expect(status).toContainText('Léa Martin s’en occupe.');
    await expect(status.getByRole('button', { name: 'Je m’en occupe' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    // Pressing it again hands the question back to the queue.
    await status.getByRole('button', { name: 'Je m’en occupe' }).click();
    await expect(page.getByTestId('announcer')).toHaveText('Vous avez laissé cette question.');
    await expect(status.getByRole('button', { name: 'Je m’en occupe' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await sam.close();
    expect(problems).toEqual([]);
  });
});
