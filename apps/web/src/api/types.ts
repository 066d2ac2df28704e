import type { Audience, Locale, Role, SiteSettings } from '@parvis/domain';

export type { SiteSettings };

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  locale: Locale;
}

export interface Session {
  user: SessionUser | null;
  /** The signed-in member's own address and whether they confirmed it; null for guests. */
  account: { email: string; emailVerified: boolean } | null;
  locale: Locale;
  unreadNotifications: number;
  enabledPlugins: string[];
}

export interface UserRef {
  id: number;
  username: string;
  displayName: string;
}

export interface Category {
  /** What enabled plugins add, keyed by plugin id (e.g. `support`). */
  plugins: Record<string, unknown>;
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  topicCount: number;
  readAudience: Audience;
  postAudience: Audience;
  canPost: boolean;
  /** The viewer could post here once they confirm their address (a site rule). */
  mustConfirmEmail: boolean;
}

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
  /** On a topic's own page: what enabled plugins add to its category. */
  plugins?: Record<string, unknown>;
}

export interface TopicSummary {
  /** What enabled plugins add, keyed by plugin id (e.g. `support`). */
  plugins: Record<string, unknown>;
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  category: CategoryRef;
  author: UserRef;
  replyCount: number;
  likeCount: number;
  createdAt: string;
  lastPostedAt: string;
  lastPoster: { username: string; displayName: string } | null;
}

export interface TopicList {
  topics: TopicSummary[];
  nextCursor: string | null;
}

export interface TopicDetail {
  /** What enabled plugins add, keyed by plugin id (e.g. `support`). */
  plugins: Record<string, unknown>;
  id: number;
  slug: string;
  title: string;
  category: CategoryRef;
  author: UserRef;
  createdAt: string;
  locked: boolean;
  deleted: boolean;
  replyCount: number;
  likeCount: number;
  canReply: boolean;
  /** The viewer could reply once they confirm their address (a site rule). */
  mustConfirmEmail: boolean;
}

export interface Post {
  id: number;
  number: number;
  author: UserRef;
  html: string;
  createdAt: string;
  editedAt: string | null;
  revision: number;
  likeCount: number;
  likedByMe: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canLike: boolean;
  canViewRevisions: boolean;
  deleted: boolean;
}

export interface PostSource extends Post {
  /** Markdown source; null when the viewer may not edit the post. */
  body: string | null;
  /** The topic's title, for the opening post only. */
  title: string | null;
  topicId: number;
}

export interface TopicPage {
  topic: TopicDetail;
  posts: Post[];
  page: number;
  pageCount: number;
  pageSize: number;
}

export interface Revision {
  revision: number;
  body: string;
  title: string | null;
  editor: { username: string; displayName: string };
  createdAt: string;
}

export interface LikeState {
  likeCount: number;
  likedByMe: boolean;
}

export interface Notification {
  id: number;
  kind: string;
  message: string;
  url: string;
  readAt: string | null;
  createdAt: string;
  actor: { username: string; displayName: string } | null;
}

export interface NotificationList {
  notifications: Notification[];
  unread: number;
}

/** Whether one kind of notification is also sent by email (in-app is always on). */
export interface NotificationPreference {
  kind: string;
  /** In the member's language, e.g. "Replies to your topics". */
  label: string;
  email: boolean;
  emailByDefault: boolean;
}

export interface Profile {
  id: number;
  username: string;
  displayName: string;
  bio: string;
  role: Role;
  createdAt: string;
  topicCount: number;
  postCount: number;
  likesReceived: number;
}

export interface ProfilePost {
  id: number;
  topicId: number;
  topicSlug: string;
  topicTitle: string;
  excerpt: string;
  createdAt: string;
  likeCount: number;
}

export interface SearchHit {
  id: string;
  /** 'topic' or 'post'. */
  type: string;
  title: string;
  url: string;
  topicId: number | null;
  postId: number | null;
  category: { slug: string; name: string } | null;
  /** HTML-escaped text with `<mark>` around the matches. */
  highlight: { title: string; snippet: string };
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ApiErrorBody };

/** A member as the admin's member list shows them. */
export interface AdminUser extends SessionUser {
  createdAt: string;
}

/** What an admin sets on a category. */
export interface CategoryInput {
  name: string;
  slug?: string;
  description?: string;
  position?: number;
  readAudience?: Audience;
  postAudience?: Audience;
}

/** A category as the admin API returns it after a change. */
export interface CategoryRecord {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  readAudience: Audience;
  postAudience: Audience;
}
