import { notificationPreferences, type Queryable } from '@parvis/db';
import type { NotificationKindOptions, PluginDefinition } from '@parvis/plugin-sdk';
import { and, eq, inArray, sql } from 'drizzle-orm';

/**
 * Core notification kinds that may go out by email, with their default. `like` would be noise
 * by email, so it waits for the member to ask. Kinds not listed anywhere stay in-app only.
 */
export const coreNotificationKinds: Readonly<Record<string, NotificationKindOptions>> = {
  reply: { email: true },
  mention: { email: true },
  like: { email: false },
};

/** Emailable kinds in display order: core first, then each enabled plugin's. */
export type NotificationKinds = ReadonlyMap<string, NotificationKindOptions>;

const kindPattern = /^[a-z][a-z0-9_]{0,39}$/;

export function collectNotificationKinds(plugins: readonly PluginDefinition[]): NotificationKinds {
  const kinds = new Map(Object.entries(coreNotificationKinds));
  for (const plugin of plugins) {
    for (const [kind, options] of Object.entries(plugin.notificationKinds ?? {})) {
      // Kinds appear in unsubscribe links and settings: refuse ambiguous or odd names at start.
      if (!kindPattern.test(kind))
        throw new Error(`Plugin ${plugin.id} declares an invalid notification kind "${kind}"`);
      if (kinds.has(kind)) throw new Error(`Plugin ${plugin.id} redeclares the notification kind "${kind}"`);
      kinds.set(kind, { email: options.email });
    }
  }
  return kinds;
}

/** Whether `userId` gets `kind` by email: their own choice, else the kind's default. */
export async function wantsEmail(
  db: Queryable,
  kinds: NotificationKinds,
  userId: number,
  kind: string,
): Promise<boolean> {
  const options = kinds.get(kind);
  if (!options) return false;
  const [row] = await db
    .select({ email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row?.email ?? options.email;
}

export interface EmailChoice {
  kind: string;
  email: boolean;
  emailByDefault: boolean;
}

/** Every emailable kind with the member's current choice. */
export async function listEmailChoices(
  db: Queryable,
  kinds: NotificationKinds,
  userId: number,
): Promise<EmailChoice[]> {
  const names = [...kinds.keys()];
  const rows =
    names.length === 0
      ? []
      : await db
          .select({ kind: notificationPreferences.kind, email: notificationPreferences.email })
          .from(notificationPreferences)
          .where(
            and(eq(notificationPreferences.userId, userId), inArray(notificationPreferences.kind, names)),
          );
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return [...kinds].map(([kind, options]) => ({
    kind,
    email: chosen.get(kind) ?? options.email,
    emailByDefault: options.email,
  }));
}

/** Stores the member's choices; callers pass only kinds present in `kinds`. */
export async function setEmailChoices(db: Queryable, userId: number, choices: Record<string, boolean>) {
  const values = Object.entries(choices).map(([kind, email]) => ({ userId, kind, email }));
  if (values.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: sql`excluded.email`, updatedAt: sql`now()` },
    });
}
