import path from 'node:path';
import { type Database, notifications, posts, type Queryable, topics, users } from '@parvis/db';
import { isLocale, postPath, topicPath, translate } from '@parvis/domain';
import { excerpt } from '@parvis/domain/markdown';
import type { PluginDefinition } from '@parvis/plugin-sdk';
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import { issueAccountToken } from '../auth/account-tokens';
import type { Env } from '../env';
import { renderAccountMail, renderNotificationMail } from './content';
import { collectNotificationKinds, type NotificationKinds, wantsEmail } from './kinds';
import { createMailer, type Mailer } from './mailer';
import {
  type Delivery,
  isAccountMailKind,
  MailWorker,
  type MailWorkerOptions,
  type OutboxRow,
  queueNotificationEmail,
} from './outbox';
import { loadServerSecret, readUnsubscribeToken, unsubscribeToken } from './tokens';

export interface MailServiceOptions {
  env: Env;
  db: Database;
  sql: postgres.Sql;
  plugins: readonly PluginDefinition[];
  log: (message: string, details?: Record<string, unknown>) => void;
  worker?: MailWorkerOptions;
}

export type MailService = Awaited<ReturnType<typeof createMailService>>;

const recipientUser = alias(users, 'recipient');
const actorUser = alias(users, 'actor');

/**
 * Email for notifications: which kinds may be emailed, the outbox that notify() fills, the
 * worker that sends it (SMTP, or .eml files without SMTP_URL) and the unsubscribe links.
 */
export async function createMailService(options: MailServiceOptions) {
  const { env, db, log } = options;
  const kinds: NotificationKinds = collectNotificationKinds(options.plugins);
  const secret = await loadServerSecret(db, 'unsubscribe');
  const siteUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const host = new URL(siteUrl).hostname || 'localhost';
  const folder = path.join(env.PARVIS_DATA_DIR, 'mail');
  const mailer: Mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, folder, log });
  const unsubscribeUrl = (userId: number, kind: string) =>
    `${siteUrl}/unsubscribe/${unsubscribeToken(secret, userId, kind)}`;

  /** Address confirmation, password reset, or a warning that someone tried to reuse the address. */
  async function deliverAccountMail(row: OutboxRow): Promise<Delivery> {
    const [recipient] = await db.select().from(users).where(eq(users.id, row.userId));
    if (!recipient) return 'skipped';
    const locale = isLocale(recipient.locale) ? recipient.locale : 'en';
    const common = { locale, recipientName: recipient.displayName, username: recipient.username };
    let to = recipient.email;
    let content: ReturnType<typeof renderAccountMail>;
    if (row.kind === 'account.email_taken') {
      content = renderAccountMail({
        ...common,
        kind: 'email_taken',
        actionUrl: `${siteUrl}/sign-in`,
        resetUrl: `${siteUrl}/forgot-password`,
      });
    } else {
      if (row.accountTokenId === null) return 'skipped';
      const issued = await issueAccountToken(db, row.accountTokenId);
      if (!issued) return 'skipped';
      to = issued.email;
      const verify = issued.purpose === 'verify_email';
      if (verify && recipient.emailVerifiedAt && recipient.email === issued.email) return 'skipped';
      content = renderAccountMail({
        ...common,
        kind: issued.purpose,
        actionUrl: `${siteUrl}/${verify ? 'verify-email' : 'reset-password'}/${issued.token}`,
      });
    }
    await mailer.send({
      to,
      ...content,
      messageId: `<account-${row.id}.${row.attempts}.${row.createdAt.getTime()}@${host}>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return 'sent';
  }

  async function deliver(row: OutboxRow): Promise<Delivery> {
    if (isAccountMailKind(row.kind)) return deliverAccountMail(row);
    if (row.notificationId === null) return 'skipped';
    const [found] = await db
      .select({
        n: notifications,
        recipient: {
          email: recipientUser.email,
          displayName: recipientUser.displayName,
          locale: recipientUser.locale,
          emailVerifiedAt: recipientUser.emailVerifiedAt,
        },
        actorName: actorUser.displayName,
        topic: { slug: topics.slug, title: topics.title, deletedAt: topics.deletedAt },
        post: { number: posts.number, body: posts.body, deletedAt: posts.deletedAt },
      })
      .from(notifications)
      .innerJoin(recipientUser, eq(recipientUser.id, notifications.userId))
      .leftJoin(actorUser, eq(actorUser.id, notifications.actorId))
      .leftJoin(topics, eq(topics.id, notifications.topicId))
      .leftJoin(posts, eq(posts.id, notifications.postId))
      .where(eq(notifications.id, row.notificationId));
    // Gone, already seen in-app, about deleted content, or turned off since: nothing to say.
    if (!found || found.n.readAt) return 'skipped';
    // An address nobody confirmed may be someone else's: it gets no mail but its confirmation.
    if (!found.recipient.emailVerifiedAt) return 'skipped';
    if (found.topic?.deletedAt || found.post?.deletedAt) return 'skipped';
    if (!(await wantsEmail(db, kinds, row.userId, row.kind))) return 'skipped';

    const { n, recipient, topic, post } = found;
    const locale = isLocale(recipient.locale) ? recipient.locale : 'en';
    let url = `${siteUrl}/`;
    if (topic && n.topicId) {
      const where = { slug: topic.slug, id: n.topicId };
      url = `${siteUrl}${post ? postPath(where, post.number) : topicPath(where)}`;
    } else if (typeof n.data.url === 'string' && /^\/(?![/\\])/.test(n.data.url)) {
      url = `${siteUrl}${n.data.url}`;
    }
    const content = renderNotificationMail({
      locale,
      recipientName: recipient.displayName,
      message: translate(locale, `notification.${n.kind}`, {
        ...n.data,
        actor: found.actorName ?? '',
        topic: topic?.title ?? '',
      }),
      kindLabel: translate(locale, `notification.kind.${n.kind}`),
      excerpt: post ? excerpt(post.body, 300) || null : null,
      url,
      isPost: Boolean(post),
      unsubscribeUrl: unsubscribeUrl(row.userId, row.kind),
      settingsUrl: `${siteUrl}/settings/notifications`,
    });
    await mailer.send({
      to: recipient.email,
      ...content,
      messageId: `<notification-${row.id}.${row.createdAt.getTime()}@${host}>`,
      headers: {
        // RFC 8058: mail clients offer one-click unsubscribe and POST to this address.
        'List-Unsubscribe': `<${unsubscribeUrl(row.userId, row.kind)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    });
    return 'sent';
  }

  const worker = new MailWorker(db, options.sql, deliver, log, options.worker);

  return {
    kinds,
    siteUrl,
    mode: mailer.mode,
    /** Where messages are written when there is no SMTP_URL. */
    folder,
    /** For notify(): queues the email of a notification in the caller's transaction. */
    queue: (
      tx: Queryable,
      notification: {
        id: number;
        userId: number;
        kind: string;
        postId: number | null;
        occurredAt: Date | null;
      },
    ) => queueNotificationEmail(tx, kinds, notification),
    unsubscribeUrl,
    readUnsubscribeToken: (token: string) => readUnsubscribeToken(secret, token),
    start: () => worker.start(),
    /** Sends every email due now (tests call this after the event listeners ran). */
    drain: () => worker.drain(),
    async stop() {
      await worker.stop();
      mailer.close();
    },
  };
}
