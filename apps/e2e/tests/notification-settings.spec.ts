import { expect, expectNoAxeViolations, hydrated, type Lang, runId, signUp, test, ui } from './support/app';

const texts = {
  en: {
    browserLocale: 'en-GB',
    emailSettings: 'Email settings',
    title: 'Notification emails',
    legend: 'Send me an email for',
    replies: 'Replies to your topics',
    likes: 'Likes on your posts',
    save: 'Save choices',
    saved: 'Your email choices are saved.',
  },
  fr: {
    browserLocale: 'fr-FR',
    emailSettings: 'Réglages des e-mails',
    title: 'E-mails de notification',
    legend: 'M’envoyer un e-mail pour',
    replies: 'Réponses à vos sujets',
    likes: 'Mentions « j’aime » sur vos messages',
    save: 'Enregistrer mes choix',
    saved: 'Vos choix d’e-mails sont enregistrés.',
  },
} as const;

for (const lang of ['en', 'fr'] as const satisfies readonly Lang[]) {
  const at = texts[lang];

  test.describe(`notification email settings (${ui[lang].languageName})`, () => {
    test.use({ locale: at.browserLocale });

    test(`are reached from the notifications page and changed with the keyboard (${lang})`, async ({
      page,
    }) => {
      await signUp(page, { username: `ns_${lang}_${runId()}`, locale: lang });
      await page.goto('/notifications');
      await hydrated(page);
      const link = page.getByRole('main').getByRole('link', { name: at.emailSettings });
      await link.focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL('/settings/notifications');
      await expect(page.getByRole('heading', { level: 1, name: at.title })).toBeVisible();

      const group = page.getByRole('group', { name: at.legend });
      const replies = group.getByRole('checkbox', { name: at.replies });
      const likes = group.getByRole('checkbox', { name: at.likes });
      await expect(replies).toBeChecked();
      await expect(likes).not.toBeChecked();
      await expectNoAxeViolations(page);

      await likes.focus();
      await page.keyboard.press('Space');
      await expect(likes).toBeChecked();
      await replies.focus();
      await page.keyboard.press('Space');
      await expect(replies).not.toBeChecked();
      await page.getByRole('button', { name: at.save }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('announcer')).toHaveText(at.saved);

      // The choice is stored: a fresh load shows it.
      await page.reload();
      await hydrated(page);
      await expect(likes).toBeChecked();
      await expect(replies).not.toBeChecked();
      await expectNoAxeViolations(page);
    });
  });
}
