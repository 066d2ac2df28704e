import type { PostingContext } from '@parvis/domain';
import type { HostEnv } from '@parvis/plugin-sdk';
import type { Context } from 'hono';

/**
 * The posting rules for this request's writer: the site's settings (kept in memory) and the
 * session user's own confirmation state. Read from the session user, never from a fresh read
 * of their row: members' shared pages are rendered as a stand-in whose `emailVerifiedAt`
 * mirrors the viewer's (pages/member-pages.ts), so a per-user read would give every member of
 * that kind the stand-in's composer, or none.
 */
export async function postingContext(c: Context<HostEnv>): Promise<PostingContext> {
  const settings = await c.get('services').settings.get();
  return {
    requireConfirmedEmailToPost: settings.requireConfirmedEmailToPost,
    emailConfirmed: c.get('user')?.emailVerifiedAt != null,
  };
}
