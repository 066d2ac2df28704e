import {
  expect,
  expectNoAxeViolations,
  expectSignedIn,
  header,
  hydrated,
  open,
  runId,
  signIn,
  signOut,
  signUp,
  test,
  testPassword,
  ui,
} from './support/app';
import { linkIn, waitForMail } from './support/mailbox';

test.describe('account links sent by email', () => {
  test('a new member confirms their address from the mailed link, in French', async ({ page }) => {
    const username = `confirme${runId()}`;
    await signUp(page, { username, locale: 'fr' });
    const notice = page.getByRole('region', { name: 'Confirmez votre adresse e-mail.' });
    await expect(notice).toContainText(`Nous avons envoyé un lien à ${username}@example.test.`);

    const mail = await waitForMail(`${username}@example.test`, 'Confirmez votre adresse e-mail');
    expect(mail.text).toContain(`Bonjour ${username},`);
    await open(page, linkIn(mail, '/verify-email/'));
    await expect(
      page.getByRole('heading', { level: 1, name: 'Confirmez votre adresse e-mail' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Votre adresse e-mail est confirmée.' }),
    ).toBeVisible();

    await page.getByRole('link', { name: 'Aller à la communauté' }).click();
    await hydrated(page);
    await expect(page.getByRole('region', { name: 'Confirmez votre adresse e-mail.' })).toHaveCount(0);

    // The same link a second time says it has served, and offers nothing to press in vain.
    await open(page, linkIn(mail, '/verify-email/'));
    await page.getByRole('main').getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await expect(page.getByRole('alert')).toContainText('Ce lien a expiré ou a déjà servi.');
  });

  test('someone who forgot their password gets a link and chooses a new one', async ({ page }) => {
    const username = `forgot${runId()}`;
    const email = `${username}@example.test`;
    await signUp(page, { username, locale: 'en' });
    await signOut(page, 'en');

    await open(page, '/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Email', { exact: true }).press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `If an account uses ${email}` })).toBeVisible();

    const mail = await waitForMail(email, 'Choose a new password');
    await open(page, linkIn(mail, '/reset-password/'));
    await expectNoAxeViolations(page);
    const field = page.getByLabel('New password', { exact: true });
    await field.fill('short');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await expect(page.getByRole('alert')).toContainText('Some fields need your attention.');
    await expect(field).toHaveValue('short');

    await field.fill('a much better passphrase');
    await page.getByRole('button', { name: 'Save my new password' }).click();
    await expectSignedIn(page, username, 'en');
    // Opening the link proved the address, so the confirmation notice is gone too.
    await expect(page.getByRole('region', { name: 'Confirm your email address.' })).toHaveCount(0);

    await signOut(page, 'en');
    await open(page, '/sign-in');
    await page.getByLabel(ui.en.login, { exact: true }).fill(username);
    await page.getByLabel(ui.en.password, { exact: true }).fill(testPassword);
    await page.getByRole('main').getByRole('button', { name: ui.en.signInSubmit }).click();
    await expect(page.getByRole('alert')).toContainText('Email/username or password is incorrect.');
    await signIn(page, { username, password: 'a much better passphrase', locale: 'en' });
    await expect(header(page).getByRole('link', { name: username, exact: true })).toBeVisible();
  });
});
