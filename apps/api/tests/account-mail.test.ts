import { accountTokens, users } from '@parvis/db';
import { eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import { Client, type Harness, password, startHarness } from './harness';
import { header, startSmtp } from './smtp';

const publicUrl = 'http://parvis.test';

/** The token of the link to `page` (`verify-email`, `reset-password`) in a mail's plain text. */
function linkToken(mail: ParsedMail, page: string): string {
  const found = new RegExp(`${publicUrl}/${page}/([a-z2-7]+)`).exec(mail.text ?? '');
  if (!found) throw new Error(`no ${page} link in: ${mail.text}`);
  return found[1]!;
}

describe('account email: address confirmation and password reset', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let h: Harness;
  let help: number;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({
      SMTP_URL: smtp.url,
      PUBLIC_URL: publicUrl,
      MAIL_FROM: 'Community <hello@parvis.test>',
    });
    help = (await createCategory(h.runtime.services.db, { name: 'Help', slug: 'help' }, null)).id;
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });
  beforeEach(async () => {
    // What earlier tests left queued is sent now, before this test's mail is counted.
    await h.runtime.mail.drain();
    smtp.received.length = 0;
    await h.resetRateLimits();
  });

  /** A member whose address counts as confirmed, without their sign-up mail in the way. */
  async function member(username: string, options: { locale?: 'en' | 'fr'; verified?: boolean } = {}) {
    const client = await h.member(username, options);
    smtp.received.length = 0;
    return client;
  }

  async function delivered(): Promise<ParsedMail[]> {
    await h.settle();
    await h.runtime.mail.drain();
    const mails = [...smtp.received];
    smtp.received.length = 0;
    return mails;
  }

  async function signUp(username: string, options: { email?: string; locale?: 'en' | 'fr' } = {}) {
    const client = new Client(h.runtime, username);
    const res = await client.post('/auth/sign-up', {
      username,
      email: options.email ?? `${username}@example.com`,
      password,
      locale: options.locale ?? 'en',
    });
    return { client, res };
  }

  it('mails a confirmation link in the chosen language; the link confirms the address once', async () => {
    const { client, res } = await signUp('amelie', { locale: 'fr' });
    expect(res.status).toBe(201);
    expect((await client.get('/session')).body.account).toEqual({
      email: 'amelie@example.com',
      emailVerified: false,
    });

    const [mail, ...others] = await delivered();
    expect(others).toHaveLength(0);
    expect(mail!.to).toMatchObject({ text: 'amelie@example.com' });
    expect(mail!.subject).toBe('Confirmez votre adresse e-mail');
    expect(mail!.text).toContain('Bonjour amelie,');
    expect(mail!.text).toContain('Ce lien est valable 48 heures.');
    expect(mail!.html).toContain('Confirmer mon adresse');
    expect(header(mail!, 'auto-submitted')).toBe('auto-generated');
    // Only a hash of the link is kept: the token itself is nowhere in the database.
    const token = linkToken(mail!, 'verify-email');
    const stored = await h.runtime.services.db.select().from(accountTokens);
    expect(stored.some((row) => row.tokenHash === token)).toBe(false);

    // The link works from any browser, signed in or not.
    const confirmed = await h.guest().post('/auth/verify-email', { token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ user: { username: 'amelie' }, emailVerified: true });
    expect((await client.get('/session')).body.account.emailVerified).toBe(true);

    const again = await h.guest().call('POST', '/auth/verify-email', { token }, { 'accept-language': 'fr' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      code: 'invalid_link',
      message: 'Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.',
    });
  });

  it('answers a sign-up with a taken address exactly like any other, and tells the owner instead', async () => {
    const owner = await member('olivia', { locale: 'fr' });
    expect(owner.id).toBeGreaterThan(0);
    const fresh = await signUp('newcomer1', { email: 'fresh@example.com' });
    const reused = await signUp('newcomer2', { email: 'OLIVIA@example.com' });

    expect(reused.res.status).toBe(fresh.res.status);
    expect(Object.keys(reused.res.body.user).sort()).toEqual(Object.keys(fresh.res.body.user).sort());
    expect(reused.client.cookie).toBeTruthy();
    expect((await reused.client.get('/session')).body.account.emailVerified).toBe(false);

    const mails = await delivered();
    expect(mails.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject]).sort()).toEqual([
      ['fresh@example.com', 'Confirm your email address'],
      ['olivia@example.com', 'Quelqu’un a tenté de s’inscrire avec votre adresse'],
    ]);
    const warning = mails.find((m) => m.subject?.startsWith('Quelqu'))!;
    expect(warning.text).toContain('votre compte olivia');
    expect(warning.text).toContain(`${publicUrl}/sign-in`);
    expect(warning.text).toContain(`${publicUrl}/forgot-password`);
    expect(warning.text).not.toMatch(/verify-email|reset-password/);

    // Asking again sends nothing to an address another account confirmed.
    expect((await reused.client.post('/auth/verify-email/resend')).status).toBe(202);
    expect(await delivered()).toHaveLength(1);
  });

  it('still refuses a taken username, which is public anyway', async () => {
    await signUp('paulette');
    const res = await signUp('Paulette', { email: 'other@example.com' });
    expect(res.res.status).toBe(409);
    expect(res.res.body.error.fields.username).toBe('This username is already taken.');
  });

  it('lets only the first of two accounts sharing an address confirm it', async () => {
    const first = await signUp('twin_a', { email: 'twins@example.com' });
    const second = await signUp('twin_b', { email: 'twins@example.com' });
    expect([first.res.status, second.res.status]).toEqual([201, 201]);
    const mails = await delivered();
    expect(mails).toHaveLength(2);
    const [tokenA, tokenB] = mails.map((m) => linkToken(m, 'verify-email'));
    // Mails go out in order of sign-up, each for its own account.
    expect((await h.guest().post('/auth/verify-email', { token: tokenB })).status).toBe(200);
    const late = await h.guest().post('/auth/verify-email', { token: tokenA });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('Another account has already confirmed this email address.');
    expect((await first.client.get('/session')).body.account.emailVerified).toBe(false);

    // Signing in with the address now means the account that confirmed it.
    const signIn = await h.guest().post('/auth/sign-in', { login: 'twins@example.com', password });
    expect(signIn.body.user.username).toBe('twin_b');
  });

  it('signs in with the address of an account that has not confirmed it yet', async () => {
    await signUp('unhurried');
    const res = await h.guest().post('/auth/sign-in', { login: 'unhurried@example.com', password });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('unhurried');
  });

  it('emails notifications only to confirmed addresses', async () => {
    const asker = await member('asker', { verified: false });
    const helper = await member('helper');
    const topic = await asker.post('/topics', {
      categoryId: help,
      title: 'Scanner jams',
      body: 'Every page.',
    });
    await helper.post(`/topics/${topic.body.topic.id}/posts`, { body: 'Clean the rollers.' });
    expect(await delivered()).toHaveLength(0);
    // The in-app notification is there all the same.
    const inApp = await asker.get('/notifications');
    expect(inApp.body.notifications.map((n: { kind: string }) => n.kind)).toContain('reply');

    await h.runtime.services.db
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(eq(users.id, asker.id));
    await helper.post(`/topics/${topic.body.topic.id}/posts`, { body: 'And the glass.' });
    const mails = await delivered();
    expect(mails.map((m) => m.subject)).toEqual(['helper replied to “Scanner jams”']);
  });

  it('resends a confirmation link, voids the older one, and limits how often', async () => {
    const { client } = await signUp('forgetful');
    const first = linkToken((await delivered())[0]!, 'verify-email');
    const resent = await client.post('/auth/verify-email/resend');
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ email: 'forgetful@example.com', emailVerified: false });
    const second = linkToken((await delivered())[0]!, 'verify-email');
    expect(second).not.toBe(first);
    expect((await h.guest().post('/auth/verify-email', { token: first })).status).toBe(400);

    await client.post('/auth/verify-email/resend');
    await client.post('/auth/verify-email/resend');
    const limited = await client.post('/auth/verify-email/resend');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();

    expect((await h.guest().post('/auth/verify-email/resend')).status).toBe(401);
  });

  it('resets a password by mail: same answer for unknown addresses, signs out everywhere', async () => {
    const rosalie = await member('rosalie', { locale: 'fr' });
    const unknown = await h.guest().post('/auth/password-reset/request', { email: 'nobody@example.com' });
    const known = await h.guest().post('/auth/password-reset/request', { email: 'Rosalie@Example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(Object.keys(known.body)).toEqual(Object.keys(unknown.body));

    const mails = await delivered();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toMatchObject({ text: 'rosalie@example.com' });
    expect(mails[0]!.subject).toBe('Choisissez un nouveau mot de passe');
    expect(mails[0]!.text).toContain('votre compte Parvis rosalie');
    const token = linkToken(mails[0]!, 'reset-password');

    // Bad input loses nothing: the link still works after a refused password.
    const weak = await h.guest().post('/auth/password-reset', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.password).toBe('Must be at least 10 characters.');

    const browser = h.guest();
    const reset = await browser.post('/auth/password-reset', { token, password: 'a brand new passphrase' });
    expect(reset.status).toBe(200);
    expect(reset.body.user.username).toBe('rosalie');
    expect((await browser.get('/session')).body.user.username).toBe('rosalie');
    // The session that existed before is gone.
    expect((await rosalie.get('/session')).body.user).toBeNull();

    expect((await h.guest().post('/auth/sign-in', { login: 'rosalie', password })).status).toBe(401);
    const signIn = await h
      .guest()
      .post('/auth/sign-in', { login: 'rosalie', password: 'a brand new passphrase' });
    expect(signIn.status).toBe(200);
    const reused = await h
      .guest()
      .post('/auth/password-reset', { token, password: 'yet another passphrase' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_link');
  });

  it('refuses an expired reset link, and a reset link confirms the address it was sent to', async () => {
    const { client } = await signUp('sleepy');
    await delivered();
    await h.guest().post('/auth/password-reset/request', { email: 'sleepy@example.com' });
    const expired = linkToken((await delivered())[0]!, 'reset-password');
    await h.runtime.services.db.execute(
      sql`update account_tokens set expires_at = now() - interval '1 second'`,
    );
    const late = await h
      .guest()
      .post('/auth/password-reset', { token: expired, password: 'a brand new passphrase' });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('invalid_link');

    await h.guest().post('/auth/password-reset/request', { email: 'sleepy@example.com' });
    const token = linkToken((await delivered())[0]!, 'reset-password');
    expect(
      (await h.guest().post('/auth/password-reset', { token, password: 'a brand new passphrase' })).status,
    ).toBe(200);
    const [row] = await h.runtime.services.db.select().from(users).where(eq(users.username, 'sleepy'));
    expect(row!.emailVerifiedAt).not.toBeNull();
    expect((await client.get('/session')).body.user).toBeNull();
  });

  it('limits reset requests per address, whether or not it has an account', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await h.guest().post('/auth/password-reset/request', { email: 'ghost@example.com' })).status,
      ).toBe(202);
    }
    const limited = await h.guest().post('/auth/password-reset/request', { email: 'ghost@example.com' });
    expect(limited.status).toBe(429);
    expect(await delivered()).toHaveLength(0);
  });

  it('answers malformed links and bodies with clear 4xx errors', async () => {
    const garbage = await h.guest().post('/auth/verify-email', { token: 'not-a-token!' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('invalid_link');
    const missing = await h.guest().post('/auth/verify-email', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.token).toBe('This field is required.');
    const badEmail = await h.guest().post('/auth/password-reset/request', { email: 'nope' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.fields.email).toBe('Enter a valid email address.');
    const notJson = await h.guest().post('/auth/password-reset', '{"token":');
    expect(notJson.status).toBe(400);
  });
});
