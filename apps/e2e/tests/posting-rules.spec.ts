import type { Page } from '@playwright/test';
import {
  expect,
  expectNoAxeViolations,
  hydrated,
  open,
  pageProbe,
  runId,
  signIn,
  signUp,
  test,
  visitor,
} from './support/app';
import { linkIn, waitForMail } from './support/mailbox';

const admin = {
  username: 'admin',
  password: 'parvis-admin',
  locale: 'fr' as const,
  displayName: 'Camille (admin)',
};
const ruleLabel = 'Les membres doivent confirmer leur adresse e-mail avant de publier';

/** Puts the rule back through the API, whatever the page shows: other specs post unconfirmed. */
async function switchRuleOff(page: Page, baseURL: string) {
  const response = await page.request.patch('/api/v1/admin/settings', {
    data: { requireConfirmedEmailToPost: false },
    headers: { Origin: new URL(baseURL).origin },
  });
  expect(response.status()).toBe(200);
}

test.describe('members must confirm their address before posting', () => {
  test('an admin switches the rule on; a new member sees why they cannot post until they confirm', async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, admin);
    try {
      await test.step('the admin turns the rule on from the admin page, by keyboard', async () => {
        await open(page, '/admin');
        const section = page.getByRole('region', { name: 'Règles de publication' });
        await expect(section).toBeVisible();
        await expectNoAxeViolations(page);
        const rule = section.getByRole('checkbox', { name: ruleLabel });
        await expect(rule).not.toBeChecked();
        await rule.focus();
        await page.keyboard.press('Space');
        await expect(rule).toBeChecked();
        await page.keyboard.press('Tab');
        await expect(
          section.getByRole('button', { name: 'Enregistrer les règles de publication' }),
        ).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(page.getByRole('status')).toContainText(
          'Enregistré : les membres doivent maintenant confirmer leur adresse avant de publier.',
        );
        await expectNoAxeViolations(page);
        // Saved for good: a fresh load shows it on.
        await open(page, '/admin');
        await expect(page.getByRole('checkbox', { name: ruleLabel })).toBeChecked();
      });

      const context = await browser.newContext({ baseURL, locale: 'en-GB', extraHTTPHeaders: visitor() });
      await context.addInitScript(pageProbe);
      const member = await context.newPage();
      try {
        const username = `unconfirmed${runId()}`;
        await signUp(member, { username, locale: 'en' });
        const topics = await member.request.get('/api/v1/topics?category=help&limit=1');
        const [topic] = ((await topics.json()) as { topics: { id: number; slug: string }[] }).topics;
        const topicPath = `/t/${topic!.slug}/${topic!.id}`;

        await test.step('the unconfirmed member gets the notice instead of a composer', async () => {
          await open(member, topicPath);
          const notice = member.getByRole('region', { name: 'Confirm your email address to post.' });
          await expect(notice).toContainText('Open the link we emailed you, or send it again.');
          await expect(notice.getByRole('button', { name: 'Send the link again' })).toBeVisible();
          await expect(member.getByLabel('Your reply', { exact: true })).toHaveCount(0);
          await expectNoAxeViolations(member);

          await open(member, '/new-topic');
          await expect(
            member.getByRole('region', { name: 'Confirm your email address to post.' }),
          ).toBeVisible();
          await expect(member.getByRole('button', { name: 'Create topic' })).toHaveCount(0);
          await expect(member.getByLabel('Title', { exact: true })).toHaveCount(0);
        });

        await test.step('once they confirm from the mailed link, they can reply', async () => {
          const mail = await waitForMail(`${username}@example.test`, 'Confirm your email address');
          await open(member, linkIn(mail, '/verify-email/'));
          await member.getByRole('main').getByRole('button', { name: 'Confirm my address' }).click();
          await expect(
            member.getByRole('status').filter({ hasText: 'Your email address is confirmed.' }),
          ).toBeVisible();

          await open(member, topicPath);
          await expect(
            member.getByRole('region', { name: 'Confirm your email address to post.' }),
          ).toHaveCount(0);
          const text = `Confirmed, and replying at last (${username}).`;
          await member.getByLabel('Your reply', { exact: true }).fill(text);
          await member.getByRole('button', { name: 'Post reply' }).click();
          await expect(member.locator('article[data-post-number]').last()).toContainText(text);
          await hydrated(member);
        });
      } finally {
        await context.close();
      }
    } finally {
      await switchRuleOff(page, baseURL!);
    }
  });
});
