import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { accountTokens, type Queryable } from '@parvis/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';

export type AccountTokenPurpose = (typeof accountTokens.$inferSelect)['purpose'];

const hour = 3_600_000;
/** A confirmation link may wait in an inbox for a while; a reset link is worth a password. */
export const tokenLifetimeMs: Record<AccountTokenPurpose, number> = {
  verify_email: 48 * hour,
  reset_password: 1 * hour,
};

const tokenPattern = /^[a-z2-7]{40}$/;

function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Starts a link for `purpose`, to be made when its mail is sent. Earlier links of the same
 * purpose stop working: only the newest mail counts.
 */
export async function createAccountToken(
  tx: Queryable,
  input: { userId: number; purpose: AccountTokenPurpose; email: string },
): Promise<number> {
  await tx
    .delete(accountTokens)
    .where(
      and(
        eq(accountTokens.userId, input.userId),
        eq(accountTokens.purpose, input.purpose),
        isNull(accountTokens.usedAt),
      ),
    );
  const [row] = await tx
    .insert(accountTokens)
    .values({ ...input, expiresAt: new Date(Date.now() + tokenLifetimeMs[input.purpose]) })
    .returning({ id: accountTokens.id });
  return row!.id;
}

/**
 * Makes the secret of a pending link at the moment its mail goes out and keeps only its hash.
 * A resend after a failed attempt makes a new secret, so a message that may have been
 * half-delivered holds a dead link. Null when the link was used, replaced or expired meanwhile.
 */
export async function issueAccountToken(db: Queryable, id: number) {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const [row] = await db
    .update(accountTokens)
    .set({ tokenHash: hashToken(token) })
    .where(
      and(eq(accountTokens.id, id), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)),
    )
    .returning();
  return row ? { token, ...row } : null;
}

/** Uses up a link: the token's row when it is valid for `purpose`, else null. Call it in the transaction of its effect. */
export async function consumeAccountToken(tx: Queryable, token: string, purpose: AccountTokenPurpose) {
  if (!tokenPattern.test(token)) return null;
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .returning();
  return row ?? null;
}
