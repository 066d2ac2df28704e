import { type Database, mailOutbox, posts, type Queryable } from '@parvis/db';
import { eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { pruneRateLimits } from '../auth/rate-limit';
import { type NotificationKinds, wantsEmail } from './kinds';

/** Channel on which a new outbox row wakes the mail workers of every instance. */
export const mailChannel = 'parvis_mail';

/**
 * A post or an event older than this is no longer news by email (e.g. events handled late after
 * every instance was down, or imported or seeded content): the notification stays in-app only.
 */
export const emailFreshnessMs = 6 * 3_600_000;

/**
 * Queues the email of a notification just added, in the same transaction, when the member
 * wants this kind by email: the email exists exactly when the notification does.
 */
export async function queueNotificationEmail(
  tx: Queryable,
  kinds: NotificationKinds,
  notification: { id: number; userId: number; kind: string; postId: number | null; occurredAt?: Date | null },
): Promise<void> {
  if (!(await wantsEmail(tx, kinds, notification.userId, notification.kind))) return;
  // Kinds without a post (e.g. an accepted answer) are judged by when they happened.
  if (notification.occurredAt && Date.now() - notification.occurredAt.getTime() > emailFreshnessMs) return;
  if (notification.postId !== null) {
    const [post] = await tx
      .select({ createdAt: posts.createdAt })
      .from(posts)
      .where(eq(posts.id, notification.postId));
    if (post && Date.now() - post.createdAt.getTime() > emailFreshnessMs) return;
  }
  await tx.insert(mailOutbox).values({
    userId: notification.userId,
    notificationId: notification.id,
    kind: notification.kind,
  });
  await tx.execute(sql`select pg_notify(${mailChannel}, '')`);
}

/**
 * Mail about the account itself rather than a notification: it is always sent (nobody can turn
 * it off) and goes to the address in question. The dot keeps these apart from notification kinds.
 */
export const accountMailKinds = [
  'account.verify_email',
  'account.reset_password',
  'account.email_taken',
] as const;
export type AccountMailKind = (typeof accountMailKinds)[number];

export function isAccountMailKind(kind: string): kind is AccountMailKind {
  return (accountMailKinds as readonly string[]).includes(kind);
}

/** Queues an account mail in the caller's transaction; a link-carrying kind names its token row. */
export async function queueAccountEmail(
  tx: Queryable,
  mail: { userId: number; kind: AccountMailKind; accountTokenId?: number },
): Promise<void> {
  await tx.insert(mailOutbox).values({
    userId: mail.userId,
    kind: mail.kind,
    accountTokenId: mail.accountTokenId ?? null,
  });
  await tx.execute(sql`select pg_notify(${mailChannel}, '')`);
}

export interface OutboxRow {
  id: number;
  userId: number;
  notificationId: number | null;
  accountTokenId: number | null;
  kind: string;
  attempts: number;
  createdAt: Date;
}

/** What became of one row: sent, or deliberately not sent (e.g. the member turned it off meanwhile). */
export type Delivery = 'sent' | 'skipped';

export interface MailWorkerOptions {
  /** How often due retries are looked for when nothing wakes the worker. */
  pollMs?: number;
  /** How long a row taken by one instance stays invisible to the others while it is sent. */
  leaseMs?: number;
  maxAttempts?: number;
}

/** Delay before attempt `n + 1` after `n` failures: 1, 2, 4... minutes, at most an hour. */
export function retryDelayMs(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1)) * 60_000;
}

/** An SMTP 5xx reply (unknown mailbox, refused content) will not change by trying again. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the outbox, one row at a time, in every API instance: a row is leased with
 * `FOR UPDATE SKIP LOCKED` so one instance sends it, marked sent once the server accepted it,
 * and rescheduled with a growing delay when the send fails. A process that dies mid-send
 * leaves a lease that expires, so the row is tried again rather than lost.
 */
export class MailWorker {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private stopped = false;
  private lastPrune = 0;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly deliver: (row: OutboxRow) => Promise<Delivery>,
    private readonly log: (message: string, details?: Record<string, unknown>) => void,
    options: MailWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 15_000;
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  async start() {
    const subscription = await this.sql.listen(mailChannel, () => this.wake());
    this.unlisten = () => subscription.unlisten();
    this.timer = setInterval(() => this.wake(), this.pollMs);
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

  /** Sends everything due now (tests call this instead of waiting). */
  async drain() {
    while (this.running) await this.running;
    await this.runAll();
  }

  private async runAll() {
    try {
      while (!this.stopped && (await this.runOne())) {}
      if (Date.now() - this.lastPrune > 3_600_000) {
        this.lastPrune = Date.now();
        // Finished rows are only a short log of what went out: keep a month of it.
        await this.db.execute(
          sql`delete from ${mailOutbox} where status <> 'pending' and finished_at < now() - interval '30 days'`,
        );
        // The same hourly pass, which every instance runs, forgets ended rate-limit windows.
        await pruneRateLimits(this.db);
      }
    } catch (error) {
      this.log('mail outbox failed', { error: String(error) });
    }
  }

  /** Takes one due row and sends it; false when none is due. */
  private async runOne(): Promise<boolean> {
    const rows = await this.db.execute<{
      id: number;
      user_id: number;
      notification_id: number | null;
      account_token_id: number | null;
      kind: string;
      attempts: number;
      created_at: string | Date;
    }>(sql`
      update ${mailOutbox}
      set attempts = attempts + 1, next_attempt_at = now() + ${`${this.leaseMs} milliseconds`}::interval
      where id = (
        select id from ${mailOutbox}
        where status = 'pending' and next_attempt_at <= now()
        order by next_attempt_at, id
        limit 1
        for update skip locked
      )
      returning id, user_id, notification_id, account_token_id, kind, attempts, created_at`);
    const raw = rows[0];
    if (!raw) return false;
    const row: OutboxRow = {
      id: Number(raw.id),
      userId: raw.user_id,
      notificationId: raw.notification_id,
      accountTokenId: raw.account_token_id,
      kind: raw.kind,
      attempts: raw.attempts,
      createdAt: new Date(raw.created_at),
    };
    try {
      const outcome = await this.deliver(row);
      await this.db.execute(
        sql`update ${mailOutbox} set status = ${outcome}, finished_at = now(), last_error = null where id = ${row.id}`,
      );
    } catch (error) {
      const message = String((error as Error)?.message ?? error).slice(0, 1000);
      const giveUp = isPermanent(error) || row.attempts >= this.maxAttempts;
      if (giveUp) {
        await this.db.execute(
          sql`update ${mailOutbox} set status = 'failed', finished_at = now(), last_error = ${message} where id = ${row.id}`,
        );
      } else {
        const delay = `${retryDelayMs(row.attempts)} milliseconds`;
        await this.db.execute(
          sql`update ${mailOutbox} set next_attempt_at = now() + ${delay}::interval, last_error = ${message} where id = ${row.id}`,
        );
      }
      this.log(giveUp ? 'mail not delivered, giving up' : 'mail not delivered, will retry', {
        outboxId: row.id,
        attempts: row.attempts,
        error: message,
      });
    }
    return true;
  }
}
