import { likedPosts, type Queryable } from '@parvis/db';
import type { SessionUser } from '@parvis/plugin-sdk';
import type { ResolvedSession } from '../http/middleware';
import type { SharedPage } from './renderer';

/**
 * Members' topic lists and threads, rendered once per kind of member instead of once per view.
 *
 * A plain member reading a list, or a thread they took no part in, sees what every other such
 * member sees but for the site header (their name, their unread count). So the page is rendered once as a
 * stand-in member with no name and no posts, kept like guests' pages (and cleared with them on
 * any change), and each view only renders its own header into it. Where the viewer wrote or
 * liked a post, where their page differs from the shared one travels with it, for the browser
 * to apply (their edit and like buttons): loaded as them where they wrote, from the likes kept
 * in memory where they only liked. Pages for staff (whose tools name people, e.g. who claimed a
 * question) are rendered for them alone.
 */

/** The latest topics, a category's topics, a thread: the pages members read most. */
const sharedPaths = /^\/$|^\/c\/[^/]+$|^\/t\/[^/]+\/\d+$/;
/** Lists hold nothing of anyone's own; a thread may (see `ownContent`). */
const listRoutes = new Set(['home', 'category']);

interface TopicPageData {
  topic: { id: number; author: { id: number } };
  posts: { id: number; author: { id: number } }[];
}

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
 * What on a shared page is the viewer's own: `wrote` when it is their topic or holds a post of
 * theirs (they may edit it; the asker may accept an answer anywhere in their topic), else the
 * posts on it they liked (none on lists, which hold nothing of anyone's own). Pages other than
 * lists and threads count as theirs.
 */
export async function ownContent(
  likes: MemberLikes,
  shared: SharedPage,
  userId: number,
): Promise<{ wrote: true } | { wrote: false; liked: readonly number[] }> {
  if (listRoutes.has(shared.page.routeId)) return { wrote: false, liked: [] };
  if (shared.page.routeId !== 'topic') return { wrote: true };
  const { topic, posts } = shared.page.data as TopicPageData;
  if (topic.author.id === userId || posts.some((post) => post.author.id === userId)) return { wrote: true };
  const liked = (await likes.of(userId)).get(topic.id) ?? [];
  const onPage = new Set(posts.map((post) => post.id));
  return { wrote: false, liked: liked.filter((id) => onPage.has(id)) };
}
