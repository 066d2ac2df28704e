import { sessions } from '@parvis/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, password, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('sign-up', () => {
  it('creates the account, signs in with a secure cookie and stores only a hash of the token', async () => {
    const client = h.guest();
    const res = await client.post('/auth/sign-up', {
      username: 'Marie',
      email: 'marie@example.com',
      password,
      locale: 'fr',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'Marie', locale: 'fr', role: 'member' });
    expect(res.body.user.email).toBeUndefined();
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = client.cookie!.split('=')[1]!;
    const stored = await h.runtime.services.db.select().from(sessions);
    expect(stored.some((s) => s.id === token)).toBe(false);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    const session = await client.get('/session');
    expect(session.body.user.username).toBe('Marie');
    expect(session.body.locale).toBe('fr');
  });

  it('explains each invalid field in the requester’s language and creates nothing', async () => {
    const res = await h
      .guest()
      .call(
        'POST',
        '/auth/sign-up',
        { username: 'a', email: 'nope', password: 'short', locale: 'de' },
        { 'accept-language': 'fr' },
      );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.message).toBe('Certains champs demandent votre attention.');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['email', 'locale', 'password', 'username']);
    expect(res.body.error.fields.password).toBe('Au moins 10 caractères.');
    const wrongType = await h.guest().call(
      'POST',
      '/auth/sign-up',
      { username: 42, password: 'long enough pass' },
      {
        'accept-language': 'fr',
      },
    );
    expect(wrongType.body.error.fields.username).toBe('Cette valeur n’est pas valide.');
    expect(wrongType.body.error.fields.email).toBe('Ce champ est obligatoire.');
    expect(res.body.requestId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a taken username, whatever its case', async () => {
    await h.member('paul');
    const res = await h
      .guest()
      .post('/auth/sign-up', { username: 'PAUL', email: 'other@example.com', password, locale: 'en' });
    expect(res.status).toBe(409);
    expect(res.body.error.fields.username).toBe('This username is already taken.');
  });

  it('rejects malformed JSON with a 400, not a 500', async () => {
    const res = await h
      .guest()
      .call('POST', '/auth/sign-up', '{"username":', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
  });
});

describe('sign-in', () => {
  it('signs in by username or email', async () => {
    await h.member('nora');
    const byName = await h.guest().post('/auth/sign-in', { login: 'nora', password });
    expect(byName.status).toBe(200);
    const byEmail = await h.guest().post('/auth/sign-in', { login: 'NORA@example.com', password });
    expect(byEmail.status).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    await h.member('ines');
    const wrong = await h.guest().post('/auth/sign-in', { login: 'ines', password: 'wrong password!' });
    const unknown = await h
      .guest()
      .post('/auth/sign-in', { login: 'nobody-here', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('throttles repeated failures on one account, then refuses even the right password for a while', async () => {
    await h.member('victim');
    for (let i = 0; i < 5; i++) {
      expect(
        (await h.guest().post('/auth/sign-in', { login: 'victim', password: `guess number ${i}` })).status,
      ).toBe(401);
    }
    const blocked = await h.guest().post('/auth/sign-in', { login: 'victim', password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sign-out', () => {
  it('ends this session only, or every session', async () => {
    const laptop = await h.member('olga');
    const phone = h.guest();
    await phone.post('/auth/sign-in', { login: 'olga', password });
    const tablet = h.guest();
    await tablet.post('/auth/sign-in', { login: 'olga', password });

    const stale = laptop.cookie;
    expect((await laptop.post('/auth/sign-out')).status).toBe(204);
    laptop.cookie = stale; // a copied cookie must not work after sign-out
    expect((await laptop.get('/session')).body.user).toBeNull();
    expect((await phone.get('/session')).body.user.username).toBe('olga');

    expect((await phone.post('/auth/sign-out-everywhere')).status).toBe(204);
    expect((await tablet.get('/session')).body.user).toBeNull();
  });
});

describe('CSRF', () => {
  it('refuses a state change from another origin or without an origin when cookies are sent', async () => {
    const member = await h.member('csrf-target');
    const foreign = await member.call(
      'POST',
      '/auth/sign-out-everywhere',
      {},
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('csrf');
    const res = await h.runtime.app.request('http://localhost/api/v1/auth/sign-out-everywhere', {
      method: 'POST',
      headers: { cookie: member.cookie! },
    });
    expect(res.status).toBe(403);
    expect((await member.get('/session')).body.user.username).toBe('csrf-target');
  });
});
