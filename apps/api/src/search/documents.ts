import { categories, posts, type Queryable, topics } from '@parvis/db';
import { markdownToText } from '@parvis/domain/markdown';
import type { SearchDocument } from '@parvis/search';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';

export const postDocumentId = (postId: number) => `post:${postId}`;

function toDocument(row: {
  post: typeof posts.$inferSelect;
  topic: typeof topics.$inferSelect;
}): SearchDocument {
  const { post, topic } = row;
  const page = Math.ceil(post.number / 20);
  return {
    id: postDocumentId(post.id),
    type: post.number === 1 ? 'topic' : 'post',
    title: topic.title,
    body: markdownToText(post.body),
    url: `/t/${topic.slug}/${topic.id}${page > 1 ? `?page=${page}` : ''}${post.number > 1 ? `#post-${post.number}` : ''}`,
    topicId: topic.id,
    postId: post.id,
    categoryId: topic.categoryId,
    createdAt: post.createdAt.getTime(),
    popularity: post.likeCount,
  };
}

const documentQuery = (db: Queryable) =>
  db
    .select({ post: posts, topic: topics })
    .from(posts)
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .innerJoin(categories, eq(categories.id, topics.categoryId));

/** Current documents of some topics, plus the ids that must leave the index (deleted posts or topics). */
export async function loadTopicDocuments(db: Queryable, topicIds: number[]) {
  if (topicIds.length === 0) return { upsert: [], remove: [] };
  const rows = await documentQuery(db).where(inArray(posts.topicId, topicIds));
  const upsert: SearchDocument[] = [];
  const remove: string[] = [];
  for (const row of rows) {
    if (row.post.deletedAt || row.topic.deletedAt) remove.push(postDocumentId(row.post.id));
    else upsert.push(toDocument(row));
  }
  return { upsert, remove };
}

/** Every searchable document, in batches, for a full rebuild. */
export async function* allDocuments(db: Queryable, batch = 2000): AsyncGenerator<SearchDocument[]> {
  let after = 0;
  for (;;) {
    const rows = await documentQuery(db)
      .where(and(gt(posts.id, after), isNull(posts.deletedAt), isNull(topics.deletedAt)))
      .orderBy(asc(posts.id))
      .limit(batch);
    if (rows.length === 0) return;
    after = rows.at(-1)!.post.id;
    yield rows.map(toDocument);
  }
}
