import { events, posts, recordEvent, siteSettings, topics } from '@parvis/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import { type Client, type Harness, startHarness } from './harness';
import { startSmtp } from './smtp';

const publicUrl = 'http://parvis.test';
const rule = 'requireConfirmedEmailToPost';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let h: Harness;
let help: number;
let admin: Client & { id: number };
let confirmed: Client & { id: number };
let moderator: Client & { id: number };

beforeAll(async () => {
  smtp = await startSmtp();
  h = await startHarness({ SMTP_URL: smtp.url, PUBLIC_URL: publicUrl });
  help = (await createCategory(h.runtime.services.db, { name: 'Help', slug: 'help' }, null)).id;
  admin = await h.member('root', { role: 'admin' });
  confirmed = await h.member('carla');
  moderator = await h.member('unconfirmed_mod', { role: 'moderator', verified: false });
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});
beforeEach(async () => {
  await h.resetRateLimits();
  await setRule(false);
});

async function setRule(on: boolean) {
  const res = await admin.patch('/admin/settings', { [rule]: on });
  expect(res.status).toBe(200);
  expect(res.body.settings[rule]).toBe(on);
}

async function openTopic(client: Client, title = 'How do I reset the scanner?') {
  return client.post('/topics', { categoryId: help, title, body: 'It jams after every page.' });
}

/** Rows that a refused write must not have left behind. */
async function counts() {
  const { db } = h.runtime.services;
  const [row] = await db
    .select({
      topics: sql<number>`(select count(*)::int from ${topics})`,
      posts: sql<number>`(select count(*)::int from ${posts})`,
      events: sql<number>`(select count(*)::int from ${events})`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}

async function settingEvents() {
  return h.runtime.services.db.select().from(events).where(eq(events.type, 'settings.updated'));
}

/** The token of the confirmation link mailed to `email`. */
async function confirmationToken(email: string): Promise<string> {
  await h.settle();
  await h.runtime.mail.drain();
  const mail = smtp.received.findLast((m) => m.to && 'text' in m.to && m.to.text === email);
  const found = new RegExp(`${publicUrl}/verify-email/([a-z2-7]+)`).exec(mail?.text ?? '');
  if (!found) throw new Error(`no confirmation link mailed to ${email}`);
  return found[1]!;
}

describe('the setting', () => {
  it('is off by default, and only admins may read or change it', async () => {
    expect((await admin.get('/admin/settings')).body).toEqual({ settings: { [rule]: false } });

    const guest = h.guest();
    expect((await guest.get('/admin/settings')).status).toBe(401);
    expect((await guest.patch('/admin/settings', { [rule]: true })).status).toBe(401);
    for (const client of [confirmed, moderator]) {
      expect((await client.get('/admin/settings')).status).toBe(403);
      const refused = await client.patch('/admin/settings', { [rule]: true });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await admin.get('/admin/settings')).body.settings[rule]).toBe(false);
  });

  it('refuses a body that is not a setting with field errors', async () => {
    const wrongType = await admin.patch('/admin/settings', { [rule]: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatchObject({
      code: 'validation',
      fields: { [rule]: 'This value is not valid.' },
    });
    const unknown = await admin.patch('/admin/settings', { postingPaused: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation');
    expect((await admin.patch('/admin/settings', {})).status).toBe(400);
    expect((await admin.get('/admin/settings')).body.settings[rule]).toBe(false);
  });

  it('records who changed what in a settings.updated event, and nothing when nothing changed', async () => {
    const before = (await settingEvents()).length;
    await setRule(true);
    const after = await settingEvents();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      actorId: admin.id,
      payload: { changes: [{ key: rule, from: false, to: true }] },
    });
    await setRule(true);
    expect(await settingEvents()).toHaveLength(before + 1);
  });

  it('follows a change committed by another instance once its event arrives', async () => {
    const { db, settings } = h.runtime.services;
    expect((await settings.get())[rule]).toBe(false);
    // Read once, then answered from memory: no query per request.
    expect(settings.get()).toBe(settings.get());
    // What another instance's admin route writes: the row and its event, in one transaction.
    await db.transaction(async (tx) => {
      await tx
        .insert(siteSettings)
        .values({ key: rule, value: true })
        .onConflictDoUpdate({ target: siteSettings.key, set: { value: true } });
      await recordEvent(tx, 'settings.updated', admin.id, {
        changes: [{ key: rule, from: false, to: true }],
      });
    });
    await h.settle();
    expect((await settings.get())[rule]).toBe(true);
  });
});

describe('posting while the address is unconfirmed', () => {
  it('is allowed while the setting is off', async () => {
    const member = await h.member('olivia', { verified: false });
    const created = await openTopic(member);
    expect(created.status).toBe(201);
    const page = await member.get(`/topics/${created.body.topic.id}`);
    expect(page.body.topic).toMatchObject({ canReply: true, mustConfirmEmail: false });
    expect((await member.post(`/topics/${created.body.topic.id}/posts`, { body: 'Me again.' })).status).toBe(
      201,
    );
  });

  it('is refused with email_unconfirmed while it is on, and nothing is written', async () => {
    const member = await h.member('nadia', { verified: false, locale: 'fr' });
    const own = await openTopic(member, 'Written before the rule');
    expect(own.status).toBe(201);
    const existing = (await openTopic(confirmed, 'A question to answer')).body.topic;
    await setRule(true);
    const before = await counts();

    const topic = await openTopic(member);
    expect(topic.status).toBe(403);
    expect(topic.body.error).toEqual({
      code: 'email_unconfirmed',
      message:
        'Confirmez votre adresse e-mail avant de publier : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau.',
    });
    expect(topic.body.requestId).toEqual(expect.any(String));

    const reply = await member.post(`/topics/${existing.id}/posts`, { body: 'Try turning it off and on.' });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('email_unconfirmed');

    const edit = await member.patch(`/posts/${own.body.topic.postId}`, { body: 'Now with a link to spam.' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('email_unconfirmed');

    expect(await counts()).toEqual(before);

    // What the pages read says so too: no composer, and why.
    const page = await member.get(`/topics/${existing.id}`);
    expect(page.body.topic).toMatchObject({ canReply: false, mustConfirmEmail: true });
    expect(page.body.posts[0].canEdit).toBe(false);
    const cats = await member.get('/categories');
    expect(cats.body.categories.find((c: { id: number }) => c.id === help)).toMatchObject({
      canPost: false,
      mustConfirmEmail: true,
    });
    expect((await member.post(`/topics/${existing.id}/presence`, { state: 'composing' })).status).toBe(403);
  });

  it('leaves confirmed members and staff unaffected', async () => {
    await setRule(true);
    const byMember = await openTopic(confirmed, 'Confirmed members still post');
    expect(byMember.status).toBe(201);
    const page = await confirmed.get(`/topics/${byMember.body.topic.id}`);
    expect(page.body.topic).toMatchObject({ canReply: true, mustConfirmEmail: false });

    const byStaff = await openTopic(moderator, 'Staff still post');
    expect(byStaff.status).toBe(201);
    const reply = await moderator.post(`/topics/${byMember.body.topic.id}/posts`, { body: 'Noted, thanks.' });
    expect(reply.status).toBe(201);
    const staffPage = await moderator.get(`/topics/${byMember.body.topic.id}`);
    expect(staffPage.body.topic).toMatchObject({ canReply: true, mustConfirmEmail: false });
  });

  it('is allowed again once the member confirms their address from the mailed link', async () => {
    const member = await h.member('pablo', { verified: false });
    const existing = (await openTopic(confirmed, 'Waiting for an answer')).body.topic;
    await setRule(true);
    expect((await member.post(`/topics/${existing.id}/posts`, { body: 'Is this on?' })).status).toBe(403);

    const token = await confirmationToken('pablo@example.com');
    expect((await h.guest().post('/auth/verify-email', { token })).status).toBe(200);

    const reply = await member.post(`/topics/${existing.id}/posts`, { body: 'Is this on?' });
    expect(reply.status).toBe(201);
    expect((await openTopic(member, 'Now I can ask too')).status).toBe(201);
  });
});
