import { likedPosts, type Queryable } from '@parvis/db';
import type { Actor, PostingContext } from '@parvis/domain';
import type { SessionUser } from '@parvis/plugin-sdk';
import type { ResolvedSession } from '../http/middleware';
import type { PluginExtensions } from '../plugins/extensions';
import { type TopicPageView, topicPageAsMember } from '../routes/views';
import type { SharedPage } from './renderer';

/**
 * Members' topic lists and threads, rendered once per kind of member instead of once per view.
 *
 * A plain member reading a list, or a thread they took no part in, sees what every other such
 * member sees but for the site header (their name, their unread count). So the page is rendered once as a
 * stand-in member with no name and no posts, kept like guests' pages (and cleared with them on
 * any change), and each view only renders its own header into it. Where the viewer wrote or
 * liked a post, where their page differs from the shared one travels with it, for the browser
 * to apply (their edit and like buttons), derived from the shared page's data without loading
 * anything. Pages for staff (whose tools name people, e.g. who claimed a question) are rendered
 * for them alone.
 */

/** The latest topics, a category's topics, a thread: the pages members read most. */
const sharedPaths = /^\/$|^\/c\/[^/]+$|^\/t\/[^/]+\/\d+$/;
/** Lists hold nothing of anyone's own; a thread may (see `ownPageData`). */
const listRoutes = new Set(['home', 'category']);

/**
 * The key of the shared rendering `user` may be served for `url`, or null when their page is
 * rendered for them alone. It holds everything the shared part depends on besides the page:
 * language and role, plus whether there are unread notifications and whether the address is
 * confirmed, since the header's shape (not only its text) depends on those two.
 */
export function sharedPageKey(user: SessionUser, unreadNotifications: number, url: URL): string | null {
  if (user.role !== 'member' || !sharedPaths.test(url.pathname)) return null;
  const unread = unreadNotifications > 0 ? 'unread' : 'read';
  const address = user.emailVerifiedAt ? 'confirmed' : 'unconfirmed';
  return `${user.locale}|${user.role}|${unread}|${address}|${url.pathname}${url.search}`;
}

/** Whom a shared page is rendered as: a member of the same kind who is nobody in particular. */
export function standInSession(user: SessionUser, unreadNotifications: number): ResolvedSession {
  return {
    user: {
      id: 0,
      username: '',
      displayName: '',
      role: user.role,
      locale: user.locale,
      email: '',
      emailVerifiedAt: user.emailVerifiedAt ? new Date(0) : null,
    },
    sessionId: null,
    unreadNotifications: unreadNotifications > 0 ? 1 : 0,
  };
}

/**
 * The posts each recent member liked, by topic, kept in memory: asking the database on every
 * view cost more than the rest of serving a shared page. A member's entry is dropped when they
 * write anything (here at once, on other instances when the event arrives), so it is read again
 * before their next page.
 */
export class MemberLikes {
  private readonly byMember = new Map<number, Promise<ReadonlyMap<number, readonly number[]>>>();

  constructor(
    private readonly db: Queryable,
    private readonly maxMembers = 10_000,
  ) {}

  /** The posts `userId` liked, by topic id. */
  of(userId: number): Promise<ReadonlyMap<number, readonly number[]>> {
    let entry = this.byMember.get(userId);
    if (entry) {
      // Least recently used goes first: re-insert on use.
      this.byMember.delete(userId);
    } else {
      const loading = likedPosts(this.db, userId).then((rows) => {
        const byTopic = new Map<number, number[]>();
        for (const { topicId, postId } of rows) {
          const list = byTopic.get(topicId);
          if (list) list.push(postId);
          else byTopic.set(topicId, [postId]);
        }
        return byTopic;
      });
      // A failed read is not kept (unless a newer one replaced it); the next view asks again.
      loading.catch(() => {
        if (this.byMember.get(userId) === loading) this.byMember.delete(userId);
      });
      entry = loading;
      if (this.byMember.size >= this.maxMembers) this.byMember.delete(this.byMember.keys().next().value!);
    }
    this.byMember.set(userId, entry);
    return entry;
  }

  forget(userId: number): void {
    this.byMember.delete(userId);
  }

  clear(): void {
    this.byMember.clear();
  }
}

/**
 * The viewer's own data for a shared page, from the shared data: a list's is the shared one
 * (lists hold nothing of anyone's own); a thread's is derived from it with their likes (kept in
 * memory) and their rights over what they wrote. Null for other pages, or when a plugin's data
 * cannot be derived: theirs is then rendered for them alone.
 */
export async function ownPageData(
  likes: MemberLikes,
  shared: SharedPage,
  member: NonNullable<Actor>,
  posting: PostingContext,
  extensions: PluginExtensions,
): Promise<unknown | null> {
  const { routeId, data } = shared.page;
  if (listRoutes.has(routeId)) return data;
  if (routeId !== 'topic') return null;
  const page = data as TopicPageView;
  const liked = (await likes.of(member.id)).get(page.topic.id) ?? [];
  return topicPageAsMember(page, member, posting, liked, extensions);
}
