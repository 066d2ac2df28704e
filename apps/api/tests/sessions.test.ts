import { type Connection, connect, users } from '@parvis/db';
import { createTestDatabase } from '@parvis/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../src/auth/session-cache';
import { loadEnv } from '../src/env';
import { createCategory } from '../src/forum/commands';
import { type Runtime, startRuntime } from '../src/runtime';
import { Client, signUp } from './harness';

// Two API instances on one database, each with its own connection and so its own LISTEN: a
// session each of them keeps in memory must not outlive a change made through the other, or
// made outside the app altogether.
let database: Connection & { drop(): Promise<void> };
let secondConnection: Connection;
let a: Runtime;
let b: Runtime;
let help: number;

async function start(connection: Connection) {
  return startRuntime({ env: loadEnv({ NODE_ENV: 'test', PARVIS_DEMO_SEED: 'false' }), connection });
}

/** A new member, once their welcome notification was added and announced everywhere. */
async function member(username: string) {
  const client = await signUp(a, username);
  await a.settle();
  await b.settle();
  return client;
}

/** The same browser, its requests sent to the other instance. */
function onB(client: Client & { id: number }) {
  const other = new Client(b, client.name);
  other.cookie = client.cookie;
  return other;
}

beforeAll(async () => {
  database = await createTestDatabase();
  secondConnection = connect(database.url, { max: 5 });
  a = await start(database);
  b = await start(secondConnection);
  help = (await createCategory(database.db, { name: 'Help', slug: 'help' }, null)).id;
});

afterAll(async () => {
  await b?.close();
  await a?.close();
  await secondConnection?.close();
  await database?.drop();
});

describe('sessions kept in memory', () => {
  it('refuses on every instance a session signed out everywhere through one of them', async () => {
    const alice = await member('alice');
    const aliceOnB = onB(alice);
    expect((await aliceOnB.get('/session')).body.user.username).toBe('alice');
    expect(b.sessions.size).toBeGreaterThan(0);

    expect((await alice.post('/auth/sign-out-everywhere')).status).toBe(204);
    // Through the instance that signed her out, the very next request is refused.
    expect(
      (await new Client(a, 'alice').call('GET', '/session', undefined, { cookie: aliceOnB.cookie! })).body
        .user,
    ).toBeNull();
    await b.sessions.sync();
    const onOther = await aliceOnB.get('/session');
    expect(onOther.body.user).toBeNull();
    expect(
      (await aliceOnB.post('/topics', { categoryId: help, title: 'Still signed in?', body: 'No.' })).status,
    ).toBe(401);
  });

  it('shows a role changed outside the app (the CLI, plain SQL) once PostgreSQL announced it', async () => {
    const bob = await member('bob');
    const bobOnB = onB(bob);
    expect((await bobOnB.get('/session')).body.user.role).toBe('member');
    await database.db.update(users).set({ role: 'moderator' }).where(eq(users.id, bob.id));
    await b.sessions.sync();
    expect((await bobOnB.get('/session')).body.user.role).toBe('moderator');
  });

  it('counts a new notification and its reading on the instance that keeps the session', async () => {
    const asker = await member('asker');
    const helper = await member('helper');
    const askerOnB = onB(asker);
    // The welcome greeting is already there.
    const greeted = (await askerOnB.get('/session')).body.unreadNotifications;
    const topic = await asker.post('/topics', {
      categoryId: help,
      title: 'Printer jams',
      body: 'Every page.',
    });
    await helper.post(`/topics/${topic.body.topic.id}/posts`, { body: 'Clean the rollers.' });
    await a.settle();
    await b.settle();
    expect((await askerOnB.get('/session')).body.unreadNotifications).toBe(greeted + 1);
    expect((await askerOnB.post('/notifications/read', {})).status).toBe(200);
    expect((await askerOnB.get('/session')).body.unreadNotifications).toBe(0);
    expect((await asker.get('/session')).body.unreadNotifications).toBe(0);
  });
});

describe('SessionCache', () => {
  it('does not keep what a read returned when the member changed while it was under way', async () => {
    const cache = new SessionCache();
    await cache.listen(database.sql);
    const user = {
      id: 42,
      username: 'dora',
      displayName: 'Dora',
      role: 'member' as const,
      locale: 'en' as const,
      email: 'dora@example.com',
      emailVerifiedAt: null,
    };
    const expiresAt = new Date(Date.now() + 86_400_000);
    const started = cache.readStarts();
    cache.forget(42);
    cache.store('stale', { user, expiresAt, unreadNotifications: 0 }, started);
    expect(cache.get('stale')).toBeNull();
    cache.store('fresh', { user, expiresAt, unreadNotifications: 0 }, cache.readStarts());
    expect(cache.get('fresh')?.user.username).toBe('dora');
    // Announced from any connection: every instance forgets the member.
    await database.sql`select pg_notify('parvis_session_users', '42')`;
    await cache.sync();
    expect(cache.get('fresh')).toBeNull();
    await cache.stop();
  });

  it('serves nothing from memory once it no longer hears the announcements', async () => {
    const cache = new SessionCache();
    const user = {
      id: 7,
      username: 'eve',
      displayName: 'Eve',
      role: 'member' as const,
      locale: 'en' as const,
      email: 'eve@example.com',
      emailVerifiedAt: null,
    };
    const expiresAt = new Date(Date.now() + 86_400_000);
    cache.store('before', { user, expiresAt, unreadNotifications: 0 }, cache.readStarts());
    expect(cache.get('before')).toBeNull();
    await cache.listen(database.sql);
    cache.store('during', { user, expiresAt, unreadNotifications: 0 }, cache.readStarts());
    expect(cache.get('during')).not.toBeNull();
    await cache.stop();
    expect(cache.get('during')).toBeNull();
  });
});
