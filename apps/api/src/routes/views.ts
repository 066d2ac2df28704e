import type { listPosts, listTopics, UserRow } from '@parvis/db';
import {
  type Actor,
  canDeletePost,
  canEditPost,
  canLikePost,
  canViewRevisions,
  type PostingContext,
  type TopicState,
} from '@parvis/domain';
import { excerpt } from '@parvis/domain/markdown';
import { postState } from '../forum/commands';

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
    canEdit: canEditPost(actor, state, posting),
    canDelete: canDeletePost(actor, state),
    canLike: canLikePost(actor, state),
    canViewRevisions: canViewRevisions(actor) && post.revision > 1,
    deleted: state.deleted,
  };
}
