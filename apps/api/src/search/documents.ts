import { categories, posts, type Queryable, topics } from '@parvis/db';
import { postPath, topicPath } from '@parvis/domain';
import { markdownToText } from '@parvis/domain/markdown';
import type { SearchDocument } from '@parvis/search';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { PluginExtensions, TopicSearchFields } from '../plugins/extensions';

export const postDocumentId = (postId: number) => `post:${postId}`;

type DocumentRow = { post: typeof posts.$inferSelect; topic: typeof topics.$inferSelect };

function toDocument(row: DocumentRow, fields: TopicSearchFields | undefined): SearchDocument {
  const { post, topic } = row;
  const text = markdownToText(post.body);
  return {
    id: postDocumentId(post.id),
    type: post.number === 1 ? 'topic' : 'post',
    title: topic.title,
    body: post.number === 1 && fields?.extraText ? `${text}\n\n${fields.extraText}` : text,
    ...(fields?.solved !== undefined ? { solved: fields.solved } : {}),
    url: post.number > 1 ? postPath(topic, post.number) : topicPath(topic),
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
export async function loadTopicDocuments(db: Queryable, topicIds: number[], extensions: PluginExtensions) {
  if (topicIds.length === 0) return { upsert: [], remove: [] };
  const rows = await documentQuery(db).where(inArray(posts.topicId, topicIds));
  const fields = await extensions.topicSearchFields(db, topicIds);
  const upsert: SearchDocument[] = [];
  const remove: string[] = [];
  for (const row of rows) {
    if (row.post.deletedAt || row.topic.deletedAt) remove.push(postDocumentId(row.post.id));
    else upsert.push(toDocument(row, fields.get(row.topic.id)));
  }
  return { upsert, remove };
}

/** Every searchable document, in batches, for a full rebuild. */
export async function* allDocuments(
  db: Queryable,
  extensions: PluginExtensions,
  batch = 2000,
): AsyncGenerator<SearchDocument[]> {
  let after = 0;
  for (;;) {
    const rows = await documentQuery(db)
      .where(and(gt(posts.id, after), isNull(posts.deletedAt), isNull(topics.deletedAt)))
      .orderBy(asc(posts.id))
      .limit(batch);
    if (rows.length === 0) return;
    after = rows.at(-1)!.post.id;
    const fields = await extensions.topicSearchFields(db, [...new Set(rows.map((row) => row.topic.id))]);
    yield rows.map((row) => toDocument(row, fields.get(row.topic.id)));
  }
}
