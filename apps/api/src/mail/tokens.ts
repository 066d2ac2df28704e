import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Queryable, serverSecrets } from '@parvis/db';
import { eq } from 'drizzle-orm';

/**
 * The server's own secret called `name`, made on first start and kept in the database so
 * every instance (and every restart) signs alike without another setting to configure.
 */
export async function loadServerSecret(db: Queryable, name: string): Promise<Buffer> {
  await db
    .insert(serverSecrets)
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: serverSecrets.value })
    .from(serverSecrets)
    .where(eq(serverSecrets.name, name));
  return Buffer.from(row!.value, 'base64url');
}

function signature(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest();
}

/**
 * An unguessable token that lets whoever holds the email turn that kind of email off (or
 * back on) for that member, without signing in: `<user id>.<kind>.<HMAC of both>`.
 */
export function unsubscribeToken(secret: Buffer, userId: number, kind: string): string {
  const payload = `${userId}.${kind}`;
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** The member and kind a token stands for, or null when it was not made by this server. */
export function readUnsubscribeToken(secret: Buffer, token: string): { userId: number; kind: string } | null {
  const match = /^([1-9][0-9]{0,9})\.([a-z][a-z0-9_]{0,39})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, kind, mac] = match;
  const expected = signature(secret, `${id}.${kind}`);
  const given = Buffer.from(mac!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const userId = Number(id);
  return userId <= 2_147_483_647 ? { userId, kind: kind! } : null;
}
