import { randomBytes } from 'node:crypto';
import { type Database, events, getTopic, topics } from '@parvis/db';
import { type Actor, canReadTopic, type DomainEvent, roles, topicPageEventTypes } from '@parvis/domain';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Listener } from '../events/dispatcher';
import { topicState } from '../forum/commands';
import { AppError } from '../http/errors';
import {
  PresenceBoard,
  type PresenceState,
  type PresenceUser,
  parsePresenceNotice,
  presenceChannel,
} from './presence';

export interface LiveOptions {
  /** Open streams this instance accepts in all (each holds a socket and a little memory). */
  maxSubscribers?: number;
  /** Open streams per signed-in member (tabs, devices). */
  maxPerClient?: number;
  /** Open streams per address for guests, higher: many people may share one (an office, a carrier). */
  maxPerAddress?: number;
  /** Comment lines keep proxies from closing a quiet stream. */
  heartbeatMs?: number;
  /** How long "is writing a reply" lasts after the last heartbeat. */
  presenceTtlMs?: number;
  /** Streams end after this long; the browser reconnects, which checks the session and access again. */
  maxStreamMs?: number;
  /** Reconnecting with a Last-Event-ID further back than this many events gets `reset` instead of a replay. */
  maxReplay?: number;
}

const defaults: Required<LiveOptions> = {
  maxSubscribers: 5_000,
  maxPerClient: 32,
  maxPerAddress: 128,
  heartbeatMs: 20_000,
  presenceTtlMs: 30_000,
  maxStreamMs: 15 * 60_000,
  maxReplay: 1_000,
};

/**
 * The event types a topic's stream forwards: the core's own topic page events, then those the
 * enabled plugins declare (`topics.liveEvents`). Nothing else reaches a page: not a mention (the
 * reply's business, sent already), nor the events of a disabled plugin.
 */
export function topicStreamEvents(pluginEvents: readonly string[] = []): string[] {
  return [...new Set<string>([...topicPageEventTypes, ...pluginEvents])];
}

/** A stream never holds more than this many unsent messages: a reader that stopped reading is dropped. */
const maxPendingWrites = 64;

const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** One server-sent event, formatted by hand so messages are queued in the order they are sent. */
export function formatSse(message: { event?: string; data?: unknown; id?: number; retry?: number }): string {
  let text = '';
  if (message.retry !== undefined) text += `retry: ${message.retry}\n`;
  if (message.event) text += `event: ${message.event}\n`;
  // JSON.stringify escapes line breaks inside strings, so the data is always one line.
  if (message.data !== undefined) text += `data: ${JSON.stringify(message.data)}\n`;
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  return `${text}\n`;
}

/**
 * The data a subscriber gets for an event: identifiers only (`topicId`, `postId`, …) and a
 * revision number, never text. Whoever receives it asks the API for what they may see.
 */
export function liveData(event: { type: string; payload: unknown }): Record<string, number> | null {
  if (!/^[a-z0-9_.-]{1,64}$/i.test(event.type)) return null;
  const payload = event.payload as Record<string, unknown> | null;
  if (!payload || !isId(payload.topicId)) return null;
  const data: Record<string, number> = {};
  for (const [key, value] of Object.entries(payload)) {
    if ((/^[a-z][A-Za-z]*Id$/.test(key) || key === 'revision') && isId(value)) data[key] = value;
  }
  return data;
}

/** Where a stream's text goes (Hono's SSE stream in the route, an array in unit tests). */
export interface Sink {
  write(text: string): Promise<unknown>;
  close(): void;
}

export interface SubscriberInfo {
  topicId: number;
  categoryId: number;
  actor: Actor;
  user: PresenceUser | null;
  /** `u:<id>` for members, `ip:<address>` for guests: the per-client cap counts by it. */
  clientKey: string;
  /** From the `Last-Event-ID` header of a reconnecting browser. */
  lastEventId: number | null;
}

export class Subscriber {
  /** Highest event id sent; later deliveries at or below it are duplicates (replay, other instance). */
  lastSentId = 0;
  /** Live events that arrive while the replay is being read, sent after it in order. */
  buffer: { id: number; text: string }[] | null = [];
  lastPresence = '';
  readonly deadline: number;
  private pending = 0;
  private ended = false;
  private resolveDone!: () => void;
  readonly done = new Promise<void>((resolve) => {
    this.resolveDone = resolve;
  });

  constructor(
    readonly info: SubscriberInfo,
    private readonly sink: Sink,
    private readonly onEnd: (subscriber: Subscriber) => void,
    lifetimeMs: number,
  ) {
    // Spread out the moment streams end, so they do not all reconnect at once.
    this.deadline = Date.now() + lifetimeMs * (0.8 + Math.random() * 0.2);
  }

  get actor() {
    return this.info.actor;
  }

  send(text: string) {
    if (this.ended) return;
    if (this.pending >= maxPendingWrites) {
      this.close();
      return;
    }
    this.pending += 1;
    void this.sink.write(text).finally(() => {
      this.pending -= 1;
    });
  }

  deliver(id: number, text: string) {
    if (id <= this.lastSentId) return;
    if (this.buffer) {
      this.buffer.push({ id, text });
      return;
    }
    this.lastSentId = id;
    this.send(text);
  }

  close() {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this);
    try {
      this.sink.close();
    } catch {}
    this.resolveDone();
  }

  get closed() {
    return this.ended;
  }
}

/**
 * Live updates for topic pages. Each API instance has one hub holding its own SSE subscribers per
 * topic. It hears every committed event through the event dispatcher (a `local` listener, so every
 * instance sees every event, whichever instance made the change) and forwards those that concern a
 * topic to that topic's subscribers. "Who is writing a reply" travels between instances on its own
 * NOTIFY channel and is kept in memory only.
 */
export class LiveHub {
  readonly options: Required<LiveOptions>;
  readonly board: PresenceBoard;
  /** The last event this hub has handled; events after it reach every subscriber registered now. */
  cursor = 0;
  private readonly instanceId = randomBytes(8).toString('hex');
  private readonly topicSubscribers = new Map<number, Set<Subscriber>>();
  private readonly perClient = new Map<string, number>();
  private count = 0;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  /** What streams forward, in the order the `ready` message lists it. */
  readonly forwarded: readonly string[];
  private readonly forwards: ReadonlySet<string>;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: (message: string, details?: Record<string, unknown>) => void,
    options: LiveOptions = {},
    /** The enabled plugins' topic events to forward besides the core's. */
    pluginEvents: readonly string[] = [],
  ) {
    this.options = { ...defaults, ...options };
    this.board = new PresenceBoard(this.options.presenceTtlMs);
    this.forwarded = topicStreamEvents(pluginEvents);
    this.forwards = new Set(this.forwarded);
  }

  /** Starts after event `head` (where the dispatcher starts its local listeners). */
  async start(head: number) {
    this.cursor = head;
    const subscription = await this.sql.listen(presenceChannel, (payload) => this.onNotice(payload));
    this.unlisten = () => subscription.unlisten();
    const heartbeat = setInterval(() => this.heartbeat(), this.options.heartbeatMs);
    const sweep = setInterval(
      () => {
        for (const topicId of this.board.sweep()) this.broadcastPresence(topicId);
      },
      Math.max(250, Math.min(5_000, this.options.presenceTtlMs / 3)),
    );
    heartbeat.unref();
    sweep.unref();
    this.timers = [heartbeat, sweep];
  }

  async stop() {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const set of [...this.topicSubscribers.values()]) for (const s of [...set]) s.close();
    await this.unlisten?.().catch(() => {});
    this.unlisten = null;
  }

  stats() {
    return { subscribers: this.count, topics: this.topicSubscribers.size, composing: this.board.size };
  }

  /** Refuses a new stream when this instance or this client has enough already (429, retry later). */
  admit(clientKey: string) {
    if (this.count >= this.options.maxSubscribers) {
      throw new AppError('rate_limited', 'error.rate_limited', undefined, 30);
    }
    const max = clientKey.startsWith('ip:') ? this.options.maxPerAddress : this.options.maxPerClient;
    if ((this.perClient.get(clientKey) ?? 0) >= max) {
      throw new AppError('rate_limited', 'error.rate_limited', undefined, 60);
    }
  }

  /**
   * Registers a stream at once (so no event committed from now on can slip past it), then sends
   * what it missed since `Last-Event-ID`, a `ready` message and the current composing list.
   */
  open(info: SubscriberInfo, sink: Sink): Subscriber {
    const subscriber = new Subscriber(info, sink, (s) => this.remove(s), this.options.maxStreamMs);
    let set = this.topicSubscribers.get(info.topicId);
    if (!set) {
      set = new Set();
      this.topicSubscribers.set(info.topicId, set);
    }
    set.add(subscriber);
    this.count += 1;
    this.perClient.set(info.clientKey, (this.perClient.get(info.clientKey) ?? 0) + 1);
    void this.prime(subscriber);
    return subscriber;
  }

  private remove(subscriber: Subscriber) {
    const set = this.topicSubscribers.get(subscriber.info.topicId);
    if (!set?.delete(subscriber)) return;
    if (set.size === 0) this.topicSubscribers.delete(subscriber.info.topicId);
    this.count -= 1;
    const key = subscriber.info.clientKey;
    const left = (this.perClient.get(key) ?? 1) - 1;
    if (left > 0) this.perClient.set(key, left);
    else this.perClient.delete(key);
  }

  private async prime(subscriber: Subscriber) {
    const { topicId, lastEventId } = subscriber.info;
    const upTo = this.cursor;
    let baseline = Math.max(upTo, lastEventId ?? 0);
    let replyCount: number | null = null;
    // Reconnections spread over a few seconds rather than all at the same instant.
    subscriber.send(formatSse({ retry: 2_000 + Math.floor(Math.random() * 4_000) }));
    try {
      // An id past the newest event (another database, a forged header) would hold back every
      // event up to it: start over from the head instead. Checked against the database, since
      // this instance may merely lag behind one that already sent that id.
      if (lastEventId !== null && lastEventId > upTo && lastEventId > (await this.headEventId())) {
        subscriber.send(formatSse({ event: 'reset', data: {} }));
        baseline = upTo;
      } else if (lastEventId !== null && lastEventId < upTo) {
        const missed =
          upTo - lastEventId <= this.options.maxReplay
            ? await this.eventsBetween(topicId, lastEventId, upTo, 200)
            : null;
        if (missed === null || missed.length === 200) {
          subscriber.send(formatSse({ event: 'reset', data: {} }));
        } else {
          for (const event of missed) {
            const data = liveData(event);
            if (data) subscriber.send(formatSse({ event: event.type, data, id: event.id }));
          }
        }
      }
      const [row] = await this.db
        .select({ replyCount: topics.replyCount })
        .from(topics)
        .where(eq(topics.id, topicId));
      replyCount = row?.replyCount ?? null;
    } catch (error) {
      this.log('live replay failed', { topicId, error: String(error) });
      subscriber.send(formatSse({ event: 'reset', data: {} }));
      baseline = upTo;
    }
    if (subscriber.closed) return;
    subscriber.lastSentId = baseline;
    // `events` tells the page which event types to follow: plugins' come from their declarations.
    subscriber.send(
      formatSse({ event: 'ready', data: { replyCount, events: this.forwarded }, id: baseline }),
    );
    const buffered = subscriber.buffer ?? [];
    subscriber.buffer = null;
    if (subscriber.info.user) this.sendPresence(subscriber, this.board.list(topicId), true);
    for (const { id, text } of buffered) subscriber.deliver(id, text);
  }

  private async headEventId(): Promise<number> {
    const [row] = await this.db.select({ id: sql<number>`coalesce(max(${events.id}), 0)::int` }).from(events);
    return row?.id ?? 0;
  }

  private async eventsBetween(topicId: number, after: number, upTo: number, limit: number) {
    return this.db
      .select({ id: events.id, type: events.type, payload: events.payload })
      .from(events)
      .where(
        and(
          gt(events.id, after),
          lte(events.id, upTo),
          sql`${events.payload}->>'topicId' = ${String(topicId)}`,
          inArray(events.type, [...this.forwarded]),
        ),
      )
      .orderBy(asc(events.id))
      .limit(limit);
  }

  /** The dispatcher listener: runs in every instance for every committed event. */
  listener(): Listener {
    return {
      name: 'live-updates',
      types: 'all',
      mode: 'local',
      handle: async (batch) => {
        try {
          await this.handleEvents(batch);
        } catch (error) {
          // Never make the dispatcher retry: live updates are best effort, the page is the truth.
          this.log('live updates failed', { error: String(error) });
        }
      },
    };
  }

  async handleEvents(batch: DomainEvent[]) {
    const recheck = new Set<number>();
    for (const event of batch) {
      if (event.id > this.cursor) this.cursor = event.id;
      const payload = event.payload as unknown as Record<string, unknown>;
      const topicId = payload?.topicId;
      // A posted reply ends its author's "writing a reply" at once, on every instance.
      if (event.type === 'post.created' && isId(topicId) && event.actorId !== null) {
        if (this.board.remove(topicId, event.actorId)) this.broadcastPresence(topicId);
      }
      if (event.type === 'category.updated' && isId(payload?.categoryId)) {
        for (const [id, set] of this.topicSubscribers) {
          for (const s of set) if (s.info.categoryId === payload.categoryId) recheck.add(id);
        }
      }
      if (event.type === 'user.role_changed' && isId(payload?.userId)) {
        const role = roles.find((r) => r === payload.to);
        for (const [id, set] of this.topicSubscribers) {
          for (const s of set) {
            if (s.info.user?.id !== payload.userId) continue;
            s.info.actor = role ? { id: payload.userId, role } : s.info.actor;
            recheck.add(id);
          }
        }
      }
      if (!isId(topicId)) continue;
      if (event.type === 'topic.deleted') recheck.add(topicId);
      const set = this.topicSubscribers.get(topicId);
      if (!set?.size || !this.forwards.has(event.type)) continue;
      const data = liveData(event);
      if (!data) continue;
      const text = formatSse({ event: event.type, data, id: event.id });
      for (const subscriber of set) subscriber.deliver(event.id, text);
    }
    // After delivery, so someone who just lost access still learns why the page changed.
    for (const topicId of recheck) await this.recheckAccess(topicId);
  }

  private async recheckAccess(topicId: number) {
    const set = this.topicSubscribers.get(topicId);
    if (!set?.size) return;
    const row = await getTopic(this.db, topicId);
    const state = row ? topicState(row) : null;
    for (const subscriber of [...set]) {
      if (!state || !canReadTopic(subscriber.actor, state)) subscriber.close();
    }
  }

  private heartbeat() {
    const now = Date.now();
    const ping = ': ping\n\n';
    for (const set of [...this.topicSubscribers.values()]) {
      for (const subscriber of [...set]) {
        if (subscriber.deadline <= now) subscriber.close();
        else subscriber.send(ping);
      }
    }
  }

  /** Someone started or stopped writing: applied here at once, then told to every other instance. */
  async setPresence(topicId: number, user: PresenceUser, state: PresenceState) {
    if (this.board.apply(topicId, user, state)) this.broadcastPresence(topicId);
    await this.sql.notify(presenceChannel, JSON.stringify({ from: this.instanceId, topicId, state, user }));
  }

  private onNotice(payload: string) {
    const notice = parsePresenceNotice(payload);
    if (!notice || notice.from === this.instanceId) return;
    if (this.board.apply(notice.topicId, notice.user, notice.state)) this.broadcastPresence(notice.topicId);
  }

  private broadcastPresence(topicId: number) {
    const set = this.topicSubscribers.get(topicId);
    if (!set?.size) return;
    const list = this.board.list(topicId);
    for (const subscriber of set) {
      if (subscriber.info.user && !subscriber.buffer) this.sendPresence(subscriber, list, false);
    }
  }

  /** Members only, and never themselves; unchanged lists are not sent again. */
  private sendPresence(subscriber: Subscriber, list: PresenceUser[], always: boolean) {
    const self = subscriber.info.user?.id;
    const composing = list.filter((u) => u.id !== self);
    const text = formatSse({ event: 'presence', data: { composing } });
    if (!always && text === subscriber.lastPresence) return;
    subscriber.lastPresence = text;
    subscriber.send(text);
  }
}
