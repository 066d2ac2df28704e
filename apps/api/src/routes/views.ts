import type { getTopic, listPosts, listTopics, UserRow } from '@parvis/db';
import {
  type Actor,
  canDeletePost,
  canEditPost,
  canLikePost,
  canReply,
  canViewRevisions,
  mustConfirmEmailToPost,
  type PostingContext,
  type PostState,
  type TopicState,
} from '@parvis/domain';
import { excerpt } from '@parvis/domain/markdown';
import { postState } from '../forum/commands';
import type { PluginData, PluginExtensions } from '../plugins/extensions';

/** What anyone may know about a member. Never includes email or password hash. */
export function publicUser(user: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'locale'>) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
  };
}

const excerpts = new Map<string, string>();
const excerptMemoSize = 20_000;

/**
 * Excerpts of opening posts, remembered by their source text: lists show the same topics to
 * everyone, and parsing 30 posts' Markdown per request was most of a topic list's cost.
 */
function topicExcerpt(source: string): string {
  let text = excerpts.get(source);
  if (text === undefined) {
    text = excerpt(source, 180);
    if (excerpts.size >= excerptMemoSize) excerpts.delete(excerpts.keys().next().value!);
    excerpts.set(source, text);
  }
  return text;
}

export function topicSummary(row: Awaited<ReturnType<typeof listTopics>>[number]) {
  const { topic } = row;
  return {
    id: topic.id,
    slug: topic.slug,
    title: topic.title,
    excerpt: topicExcerpt(row.firstPostBody ?? ''),
    category: row.category,
    author: row.author,
    replyCount: topic.replyCount,
    likeCount: topic.likeCount,
    createdAt: topic.createdAt.toISOString(),
    lastPostedAt: topic.lastPostedAt.toISOString(),
    lastPoster: row.lastPoster?.username
      ? { username: row.lastPoster.username, displayName: row.lastPoster.displayName! }
      : null,
    deleted: topic.deletedAt !== null,
  };
}

type PostRow = Awaited<ReturnType<typeof listPosts>>[number];

/** What the viewer may do with a post: the part of its view that depends on who they are. */
function postActions(actor: Actor, state: PostState, posting: PostingContext | undefined) {
  return {
    canEdit: canEditPost(actor, state, posting),
    canDelete: canDeletePost(actor, state),
    canLike: canLikePost(actor, state),
  };
}

/** A post as a reader sees it; deleted posts keep their place but lose their text for non-staff. */
export function postView(
  row: Omit<PostRow, 'likedByMe'> & { likedByMe: boolean },
  actor: Actor,
  topic: TopicState,
  posting: PostingContext | undefined,
) {
  const { post } = row;
  const state = postState(post, topic);
  const hidden = state.deleted && !canViewRevisions(actor);
  return {
    id: post.id,
    topicId: post.topicId,
    number: post.number,
    author: row.author,
    html: hidden ? '' : post.html,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    revision: post.revision,
    likeCount: post.likeCount,
    likedByMe: row.likedByMe,
    ...postActions(actor, state, posting),
    canViewRevisions: canViewRevisions(actor) && post.revision > 1,
    deleted: state.deleted,
  };
}

/** A page of a thread as the topic API answers it. */
export function topicPageView(input: {
  row: NonNullable<Awaited<ReturnType<typeof getTopic>>>;
  state: TopicState;
  posts: PostRow[];
  pluginData: { topic: PluginData; category: PluginData };
  actor: Actor;
  posting: PostingContext;
  page: number;
  pageCount: number;
  pageSize: number;
}) {
  const { row, state, actor, posting, pluginData } = input;
  const { topic, category, author } = row;
  return {
    topic: {
      id: topic.id,
      slug: topic.slug,
      title: topic.title,
      category: { id: category.id, slug: category.slug, name: category.name, plugins: pluginData.category },
      author,
      createdAt: topic.createdAt.toISOString(),
      locked: topic.locked,
      deleted: topic.deletedAt !== null,
      replyCount: topic.replyCount,
      likeCount: topic.likeCount,
      canReply: canReply(actor, state, posting),
      /** The viewer could reply once their address is confirmed: the page says so. */
      mustConfirmEmail: canReply(actor, state) && mustConfirmEmailToPost(actor, posting),
      plugins: pluginData.topic,
    },
    posts: input.posts.map((r) => postView(r, actor, state, posting)),
    page: input.page,
    pageCount: input.pageCount,
    pageSize: input.pageSize,
  };
}
export type TopicPageView = ReturnType<typeof topicPageView>;

/**
 * A thread's page as `member` gets it, from the same page loaded for another member of their
 * role with the same posting rules (members share such pages, see pages/member-pages.ts): only
 * what depends on who they are is derived again, by the policies `topicPageView` applies. Null
 * when an enabled plugin's data cannot be derived so; theirs is then rendered for them alone.
 */
export function topicPageAsMember(
  shared: TopicPageView,
  member: NonNullable<Actor>,
  posting: PostingContext,
  likedPostIds: readonly number[],
  extensions: PluginExtensions,
): TopicPageView | null {
  const { topic } = shared;
  const plugins = extensions.topicDataAsMember(topic.plugins, member, {
    authorId: topic.author.id,
    locked: topic.locked,
    deleted: topic.deleted,
  });
  if (plugins === null) return null;
  const liked = new Set(likedPostIds);
  // The page was served to their role, so they read its category; posting rights are the
  // role's and the posting rules', alike for both, so `canReply` stays as loaded.
  const state: TopicState = {
    authorId: topic.author.id,
    locked: topic.locked,
    deleted: topic.deleted,
    category: { readAudience: member.role, postAudience: member.role },
  };
  return {
    ...shared,
    topic: { ...topic, plugins },
    posts: shared.posts.map((post) => {
      const own = {
        likedByMe: liked.has(post.id),
        ...postActions(member, { authorId: post.author.id, deleted: post.deleted, topic: state }, posting),
      };
      // Most posts are nobody's in particular: keeping them as they are lets the difference
      // with the shared page be found without walking them.
      const same = (Object.keys(own) as (keyof typeof own)[]).every((key) => own[key] === post[key]);
      return same ? post : { ...post, ...own };
    }),
  };
}
