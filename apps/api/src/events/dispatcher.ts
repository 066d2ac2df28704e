import {
  type Database,
  eventCursors,
  eventsChannel,
  getLastEventId,
  listEventsAfter,
  type Queryable,
} from '@parvis/db';
import type { DomainEvent, DomainEventType } from '@parvis/domain';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';

export interface Listener {
  /** Unique name; shared listeners keep their progress in `event_cursors` under it. */
  name: string;
  /** The event types it handles, or `all`. */
  types: readonly DomainEventType[] | 'all';
  /**
   * `shared`: exactly one API instance handles each event (progress committed with the
   * listener's writes). `local`: every instance handles every event (e.g. its own in-memory index).
   */
  mode: 'shared' | 'local';
  handle(events: DomainEvent[], tx: Queryable): Promise<void>;
}

const batchSize = 200;

/**
 * Runs listeners after changes commit: woken by LISTEN/NOTIFY from any instance, with a slow
 * poll as a safety net. Keeps side effects (notifications, indexing, emails) out of requests.
 */
export class EventDispatcher {
  private readonly listeners: Listener[] = [];
  private readonly localCursors = new Map<string, number>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly failures = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: (message: string, details?: Record<string, unknown>) => void,
  ) {}

  add(listener: Listener) {
    this.listeners.push(listener);
  }

  /** Local listeners start after `fromId`; shared ones resume from their stored cursor. */
  async start(options: { fromId?: number; pollMs?: number } = {}) {
    const head = options.fromId ?? (await getLastEventId(this.db));
    for (const l of this.listeners) {
      if (l.mode === 'local') this.localCursors.set(l.name, head);
      else await this.db.insert(eventCursors).values({ name: l.name, lastEventId: 0 }).onConflictDoNothing();
    }
    const subscription = await this.sql.listen(eventsChannel, () => this.wake());
    this.unlisten = () => subscription.unlisten();
    this.timer = setInterval(() => this.wake(), options.pollMs ?? 2000);
    this.timer.unref();
    this.wake();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.().catch(() => {});
    await this.running;
  }

  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runAll().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Processes everything committed so far (tests call this instead of waiting). */
  async drain() {
    while (this.running) await this.running;
    await this.runAll();
  }

  private async runAll() {
    for (const listener of this.listeners) {
      try {
        while (await this.runOnce(listener)) {}
      } catch (error) {
        this.log('event listener failed', { listener: listener.name, error: String(error) });
      }
    }
  }

  /** Handles one batch; true when there may be more. */
  private async runOnce(listener: Listener): Promise<boolean> {
    if (listener.mode === 'local') {
      const after = this.localCursors.get(listener.name) ?? 0;
      const batch = await listEventsAfter(this.db, after, batchSize);
      if (batch.length === 0) return false;
      const relevant = batch.filter((e) => listener.types === 'all' || listener.types.includes(e.type));
      if (relevant.length > 0) await this.guard(listener, relevant, () => listener.handle(relevant, this.db));
      this.localCursors.set(listener.name, batch.at(-1)!.id);
      return batch.length === batchSize;
    }
    return this.db.transaction(async (tx) => {
      // SKIP LOCKED: if another instance is already on this listener, leave it to them.
      const rows = await tx.execute<{ last_event_id: number }>(
        sql`select last_event_id from ${eventCursors} where name = ${listener.name} for update skip locked`,
      );
      const row = rows[0];
      if (!row) return false;
      const batch = await listEventsAfter(tx, row.last_event_id, batchSize);
      if (batch.length === 0) return false;
      const relevant = batch.filter((e) => listener.types === 'all' || listener.types.includes(e.type));
      if (relevant.length > 0) {
        await this.guard(listener, relevant, () =>
          tx.transaction((inner) => listener.handle(relevant, inner)),
        );
      }
      await tx.execute(
        sql`update ${eventCursors} set last_event_id = ${batch.at(-1)!.id}, updated_at = now() where name = ${listener.name}`,
      );
      return batch.length === batchSize;
    });
  }

  /**
   * A failing batch is retried on the next wake-ups; after three failures it is logged and
   * skipped so one bad event cannot stall every later one.
   */
  private async guard(listener: Listener, batch: DomainEvent[], run: () => Promise<unknown>) {
    const key = `${listener.name}:${batch[0]!.id}`;
    try {
      await run();
      this.failures.delete(key);
    } catch (error) {
      const count = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, count);
      if (count < 3) throw error;
      this.failures.delete(key);
      this.log('skipping events after repeated failures', {
        listener: listener.name,
        from: batch[0]!.id,
        to: batch.at(-1)!.id,
        error: String(error),
      });
    }
  }
}
