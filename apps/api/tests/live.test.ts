import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Connection, connect, recordEvent, users } from '@parvis/db';
import { createTestDatabase } from '@parvis/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { createCategory } from '../src/forum/commands';
import { type Runtime, startRuntime } from '../src/runtime';
import { Client, signUp } from './harness';

// Two API instances on one database, each with its own connection (and so its own LISTEN),
// served over real HTTP like behind a load balancer.
interface Instance {
  runtime: Runtime;
  server: Server;
  url: string;
}

let database: Connection & { drop(): Promise<void> };
let secondConnection: Connection;
let a: Instance;
let b: Instance;
let help: number;
let staffOnly: number;
let alice: Client & { id: number };
let bob: Client & { id: number };
let mod: Client & { id: number };
const open: Stream[] = [];

const presenceTtlMs = 1_500;

async function instance(
  connection: Connection,
  options: { maxPerClient?: number; maxReplay?: number },
  envOverrides: Record<string, string> = {},
) {
  const env = loadEnv({ NODE_ENV: 'test', PARVIS_DEMO_SEED: 'false', ...envOverrides });
  const runtime = await startRuntime({
    env,
    connection,
    live: { presenceTtlMs, heartbeatMs: 400, ...options },
  });
  // Without options for HTTP/2, `serve` makes a plain node:http server.
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const { port } = server.address() as AddressInfo;
  return { runtime, server, url: `http://127.0.0.1:${port}` };
}

async function member(runtime: Runtime, username: string, role?: 'moderator') {
  const client = await signUp(runtime, username);
  if (role) await database.db.update(users).set({ role }).where(eq(users.id, client.id));
  return client;
}

/** The same signed-in person, talking to another instance. */
function on(runtime: Runtime, client: Client & { id: number }) {
  const other = new Client(runtime, client.name);
  other.cookie = client.cookie;
  return Object.assign(other, { id: client.id });
}

interface Message {
  event: string;
  data: any;
  id?: string;
  retry?: number;
}

/** An SSE stream read with fetch: every wait has a deadline, so a missing event fails the test. */
class Stream {
  readonly messages: Message[] = [];
  comments = 0;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private ended = false;
  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        let end = this.buffer.indexOf('\n\n');
        while (end !== -1) {
          this.parse(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
          end = this.buffer.indexOf('\n\n');
        }
        this.wake();
      }
    } catch {
      // Aborted by the test.
    }
    this.ended = true;
    this.wake();
  }

  private parse(block: string) {
    const message: Partial<Message> = {};
    let data: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments += 1;
      else if (line.startsWith('event: ')) message.event = line.slice(7);
      else if (line.startsWith('data: ')) data = line.slice(6);
      else if (line.startsWith('id: ')) message.id = line.slice(4);
      else if (line.startsWith('retry: ')) message.retry = Number(line.slice(7));
    }
    if (data === undefined && message.retry === undefined) return;
    this.messages.push({
      event: message.event ?? 'message',
      data: data === undefined ? undefined : JSON.parse(data),
      ...(message.id !== undefined ? { id: message.id } : {}),
      ...(message.retry !== undefined ? { retry: message.retry } : {}),
    });
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  get closed() {
    return this.ended;
  }

  /** The first message (from `from` on) that matches, waiting up to `timeoutMs` for it. */
  async next(match: (m: Message) => boolean, timeoutMs = 5_000, from = 0): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended; got ${JSON.stringify(this.messages)}`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async waitForEnd(timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream did not end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close() {
    this.controller.abort();
  }
}

async function subscribe(
  target: Instance,
  topicId: number,
  client: Client | null,
  headers: Record<string, string> = {},
): Promise<Stream | Response> {
  const controller = new AbortController();
  const response = await fetch(`${target.url}/api/v1/topics/${topicId}/live`, {
    headers: {
      accept: 'text/event-stream',
      ...(client?.cookie ? { cookie: client.cookie } : {}),
      ...headers,
    },
    signal: controller.signal,
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    return response;
  }
  const stream = new Stream(response, controller);
  open.push(stream);
  return stream;
}

async function stream(target: Instance, topicId: number, client: Client | null, headers = {}) {
  const result = await subscribe(target, topicId, client, headers);
  if (!(result instanceof Stream)) throw new Error(`stream refused: ${result.status}`);
  await result.next((m) => m.event === 'ready');
  return result;
}

async function eventually(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function topic(client: Client, title: string, categoryId = help) {
  const res = await client.post('/topics', { categoryId, title, body: 'Some details about the problem.' });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.topic as { id: number; postId: number };
}

beforeAll(async () => {
  database = await createTestDatabase();
  secondConnection = connect(database.url, { max: 5 });
  a = await instance(database, { maxReplay: 10 });
  b = await instance(secondConnection, { maxPerClient: 3 });
  help = (await createCategory(database.db, { name: 'Help', slug: 'help' }, null)).id;
  staffOnly = (
    await createCategory(
      database.db,
      { name: 'Staff', slug: 'staff', readAudience: 'moderator', postAudience: 'moderator' },
      null,
    )
  ).id;
  alice = await member(a.runtime, 'alice');
  bob = await member(a.runtime, 'bob');
  mod = await member(a.runtime, 'moderator', 'moderator');
});

afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await eventually(
    () => a.runtime.live.stats().subscribers === 0 && b.runtime.live.stats().subscribers === 0,
  );
});

afterAll(async () => {
  for (const s of open) s.close();
  for (const target of [a, b]) {
    await target?.runtime.close();
    target?.server.closeAllConnections();
    await new Promise((resolve) => target?.server.close(resolve));
  }
  await secondConnection?.close();
  await database?.drop();
});

describe('live topic updates across instances', () => {
  it('a subscriber on instance B hears of a reply made through instance A, with ids only', async () => {
    const { id } = await topic(alice, 'Printer offline again');
    const s = await stream(b, id, bob);
    expect(s.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.response.headers.get('cache-control')).toContain('no-store');
    expect(s.response.headers.get('content-encoding')).toBeNull();
    expect(s.messages[0]!.retry).toBeGreaterThanOrEqual(1_000);
    const ready = s.messages.find((m) => m.event === 'ready')!;
    expect(ready.data.replyCount).toBe(0);
    // What the page is to follow: the core's events and the enabled plugins' declared ones.
    expect(ready.data.events).toEqual(
      expect.arrayContaining(['post.created', 'post.edited', 'answer.accepted']),
    );
    expect(ready.data.events).not.toContain('user.mentioned');
    expect(Number(ready.id)).toBeGreaterThan(0);

    const reply = await alice.post(`/topics/${id}/posts`, {
      body: 'Secret words nobody else should stream.',
    });
    expect(reply.status).toBe(201);
    const created = await s.next((m) => m.event === 'post.created');
    expect(created.data).toEqual({ topicId: id, postId: reply.body.post.id, categoryId: help });
    expect(Number(created.id)).toBeGreaterThan(Number(ready.id));
    expect(JSON.stringify(s.messages)).not.toContain('Secret');

    // Edits and likes arrive too, as ids; the mention event is not forwarded.
    await on(a.runtime, bob).put(`/posts/${reply.body.post.id}/like`);
    await s.next((m) => m.event === 'post.liked' && m.data.postId === reply.body.post.id);
    expect(s.messages.some((m) => m.event === 'user.mentioned')).toBe(false);
  });

  it('forwards plugin events that carry a topicId, as ids only', async () => {
    const { id, postId } = await topic(alice, 'Question with an accepted answer');
    const s = await stream(b, id, bob);
    // As the support plugin records it; written here directly so this test needs no plugin.
    const record = recordEvent as (
      tx: unknown,
      type: string,
      actorId: number,
      payload: object,
    ) => Promise<number>;
    await database.db.transaction((tx) =>
      record(tx, 'answer.accepted', alice.id, { topicId: id, postId, answererId: alice.id, note: 'private' }),
    );
    const accepted = await s.next((m) => m.event === 'answer.accepted');
    expect(accepted.data).toEqual({ topicId: id, postId, answererId: alice.id });
  });

  it("forwards a plugin's declared events only where the plugin is enabled, replays included", async () => {
    // A third instance without the support plugin, on the same database.
    const connection = connect(database.url, { max: 5 });
    const c = await instance(connection, {}, { PARVIS_PLUGINS: 'faq,welcome' });
    const streams: Stream[] = [];
    try {
      const { id, postId } = await topic(alice, 'Accepted here, unknown there');
      const withSupport = await stream(b, id, bob);
      const without = await stream(c, id, on(c.runtime, bob));
      streams.push(without);
      const ready = without.messages.find((m) => m.event === 'ready')!;
      expect(ready.data.events).toContain('post.created');
      expect(ready.data.events).not.toContain('answer.accepted');
      expect(ready.data.events).not.toContain('question.claimed');

      const record = recordEvent as (
        tx: unknown,
        type: string,
        actorId: number,
        payload: object,
      ) => Promise<number>;
      await database.db.transaction((tx) =>
        record(tx, 'answer.accepted', alice.id, { topicId: id, postId, answererId: alice.id }),
      );
      const reply = await alice.post(`/topics/${id}/posts`, { body: 'And one more reply.' });
      await withSupport.next((m) => m.event === 'answer.accepted');
      // Events reach a stream in order: the reply arriving means the acceptance was left out.
      await without.next((m) => m.event === 'post.created' && m.data.postId === reply.body.post.id);
      expect(without.messages.some((m) => m.event === 'answer.accepted')).toBe(false);

      // A browser reconnecting from before both gets the reply replayed, not the acceptance.
      const again = await stream(c, id, on(c.runtime, bob), { 'last-event-id': ready.id! });
      streams.push(again);
      await again.next((m) => m.event === 'post.created' && m.data.postId === reply.body.post.id);
      expect(again.messages.some((m) => m.event === 'answer.accepted')).toBe(false);
    } finally {
      for (const s of streams) s.close();
      await eventually(() => c.runtime.live.stats().subscribers === 0);
      await c.runtime.close();
      c.server.closeAllConnections();
      await new Promise((resolve) => c.server.close(resolve));
      await connection.close();
    }
  });

  it('sends guests the events of public topics, and keeps other topics out of a stream', async () => {
    const first = await topic(alice, 'Guest-visible topic');
    const other = await topic(alice, 'Another topic entirely');
    const s = await stream(b, first.id, null);
    await alice.post(`/topics/${other.id}/posts`, { body: 'Reply on the other topic.' });
    const mine = await alice.post(`/topics/${first.id}/posts`, { body: 'Reply on the watched topic.' });
    const created = await s.next((m) => m.event === 'post.created');
    expect(created.data.postId).toBe(mine.body.post.id);
    expect(s.messages.filter((m) => m.event === 'post.created')).toHaveLength(1);
  });

  it('refuses the stream to visitors who may not read the topic', async () => {
    const hidden = await topic(mod, 'Staff discussion about refunds', staffOnly);
    expect(((await subscribe(b, hidden.id, bob)) as Response).status).toBe(404);
    expect(((await subscribe(b, hidden.id, null)) as Response).status).toBe(404);
    expect(((await subscribe(b, 987_654, bob)) as Response).status).toBe(404);
    expect(((await subscribe(b, Number.NaN, bob)) as Response).status).toBe(400);
    const staff = await stream(b, hidden.id, mod);
    expect(staff.closed).toBe(false);
  });

  it('replays what a reconnecting browser missed since its Last-Event-ID, or asks it to reset', async () => {
    const { id } = await topic(alice, 'Reconnect me please');
    const s = await stream(b, id, bob);
    const since = s.messages.find((m) => m.event === 'ready')!.id!;
    s.close();
    const missed = await alice.post(`/topics/${id}/posts`, { body: 'Posted while you were away.' });
    await a.runtime.settle();
    await eventually(() => b.runtime.live.cursor >= a.runtime.live.cursor);
    const again = await stream(b, id, bob, { 'last-event-id': since });
    const replayed = again.messages.filter((m) => m.event === 'post.created');
    expect(replayed.map((m) => m.data.postId)).toEqual([missed.body.post.id]);
    const ready = again.messages.find((m) => m.event === 'ready')!;
    expect(Number(ready.id)).toBeGreaterThanOrEqual(Number(replayed[0]!.id));
    expect(ready.data.replyCount).toBe(1);

    // Instance A replays at most 10 events back: further than that, the page reloads its data.
    await eventually(() => a.runtime.live.cursor > 11);
    const far = await stream(a, id, bob, { 'last-event-id': '1' });
    expect(far.messages.some((m) => m.event === 'reset')).toBe(true);
    // Garbage in the header is ignored.
    const junk = await stream(a, id, bob, { 'last-event-id': 'DROP TABLE' });
    expect(junk.messages.some((m) => m.event === 'reset')).toBe(false);

    // An id beyond the newest event resets to the head, and the stream still gets what follows.
    const ahead = await stream(a, id, bob, { 'last-event-id': String(a.runtime.live.cursor + 1_000_000) });
    expect(ahead.messages.some((m) => m.event === 'reset')).toBe(true);
    expect(Number(ahead.messages.find((m) => m.event === 'ready')!.id)).toBeLessThan(1_000_000);
    const next = await alice.post(`/topics/${id}/posts`, { body: 'Still delivered after the reset.' });
    const delivered = await ahead.next((m) => m.event === 'post.created');
    expect(delivered.data.postId).toBe(next.body.post.id);
  });

  it('ends the stream of members who lose access when the topic is deleted, not of staff', async () => {
    const t = await topic(alice, 'This one will be deleted');
    const memberStream = await stream(b, t.id, bob);
    const staffStream = await stream(b, t.id, mod);
    expect((await on(a.runtime, alice).delete(`/posts/${t.postId}`)).status).toBe(204);
    await memberStream.next((m) => m.event === 'topic.deleted');
    await memberStream.waitForEnd();
    await staffStream.next((m) => m.event === 'topic.deleted');
    expect(staffStream.closed).toBe(false);
    expect(((await subscribe(b, t.id, bob)) as Response).status).toBe(404);
  });

  it('sends heartbeats, and forgets closed connections', async () => {
    const { id } = await topic(alice, 'Heartbeat topic here');
    const before = b.runtime.live.stats().subscribers;
    const s = await stream(b, id, bob);
    expect(b.runtime.live.stats().subscribers).toBe(before + 1);
    await eventually(() => s.comments >= 1, 3_000);
    s.close();
    await eventually(() => b.runtime.live.stats().subscribers === before);
  });

  it('caps the streams one client may hold on an instance', async () => {
    const { id } = await topic(alice, 'Many tabs open here');
    const carol = on(b.runtime, await member(a.runtime, 'carol'));
    const streams = [await stream(b, id, carol), await stream(b, id, carol), await stream(b, id, carol)];
    const refused = (await subscribe(b, id, carol)) as Response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const before = b.runtime.live.stats().subscribers;
    streams[0]!.close();
    await eventually(() => b.runtime.live.stats().subscribers === before - 1);
    const later = await subscribe(b, id, carol);
    expect(later).toBeInstanceOf(Stream);
  });
});

describe('who is writing a reply', () => {
  it('shows a member composing through instance A to subscribers on instance B, then lets it expire', async () => {
    const { id } = await topic(alice, 'Who is answering this?');
    const bobStream = await stream(b, id, bob);
    const guestStream = await stream(b, id, null);
    const initial = await bobStream.next((m) => m.event === 'presence');
    expect(initial.data).toEqual({ composing: [] });

    const aliceOnA = on(a.runtime, alice);
    expect((await aliceOnA.post(`/topics/${id}/presence`, { state: 'composing' })).status).toBe(204);
    const seen = await bobStream.next((m) => m.event === 'presence' && m.data.composing.length === 1);
    expect(seen.data.composing).toEqual([{ id: alice.id, username: 'alice', displayName: 'alice' }]);

    // A newcomer gets the current list on connect; the composer never sees herself.
    const modStream = await stream(b, id, on(b.runtime, mod));
    const current = await modStream.next((m) => m.event === 'presence');
    expect(current.data.composing.map((u: { id: number }) => u.id)).toEqual([alice.id]);
    const aliceStream = await stream(b, id, alice);
    expect((await aliceStream.next((m) => m.event === 'presence')).data).toEqual({ composing: [] });

    // Without a heartbeat it lapses after the time-to-live.
    const at = bobStream.messages.length;
    const gone = await bobStream.next(
      (m) => m.event === 'presence' && m.data.composing.length === 0,
      presenceTtlMs + 4_000,
      at,
    );
    expect(gone.data).toEqual({ composing: [] });
    // Guests are not told who is writing.
    expect(guestStream.messages.some((m) => m.event === 'presence')).toBe(false);
  });

  it('clears at once on idle or when the reply is posted', async () => {
    const { id } = await topic(alice, 'Idle and posting clear it');
    const bobStream = await stream(b, id, bob);
    const aliceOnA = on(a.runtime, alice);
    await aliceOnA.post(`/topics/${id}/presence`, { state: 'composing' });
    await bobStream.next((m) => m.event === 'presence' && m.data.composing.length === 1);
    let at = bobStream.messages.length;
    await aliceOnA.post(`/topics/${id}/presence`, { state: 'idle' });
    await bobStream.next((m) => m.event === 'presence' && m.data.composing.length === 0, 2_000, at);

    await aliceOnA.post(`/topics/${id}/presence`, { state: 'composing' });
    await bobStream.next((m) => m.event === 'presence' && m.data.composing.length === 1);
    at = bobStream.messages.length;
    await aliceOnA.post(`/topics/${id}/posts`, { body: 'Here is my answer.' });
    await bobStream.next((m) => m.event === 'presence' && m.data.composing.length === 0, 1_000, at);
  });

  it('accepts presence only from signed-in members who may reply, with valid input', async () => {
    const { id } = await topic(alice, 'Presence input checks');
    const hidden = await topic(mod, 'Staff only presence', staffOnly);
    const guest = new Client(a.runtime);
    expect((await guest.post(`/topics/${id}/presence`, { state: 'composing' })).status).toBe(401);
    expect((await alice.post(`/topics/${id}/presence`, { state: 'dancing' })).status).toBe(400);
    expect((await alice.post(`/topics/${id}/presence`, 'not json')).status).toBe(400);
    expect((await alice.post(`/topics/abc/presence`, { state: 'idle' })).status).toBe(400);
    expect((await alice.post(`/topics/${hidden.id}/presence`, { state: 'composing' })).status).toBe(404);
    expect((await alice.post(`/topics/987654/presence`, { state: 'composing' })).status).toBe(404);
    // Cross-site requests are refused by the origin check like every other write.
    const csrf = await alice.call(
      'POST',
      `/topics/${id}/presence`,
      { state: 'composing' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(csrf.status).toBe(403);
  });
});
