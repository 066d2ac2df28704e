/** Replies are shown 20 to a topic page, so a post's number says which page it is on. */
export const postsPerPage = 20;

/** The address of a topic page. */
export function topicPath(topic: { slug: string; id: number }): string {
  return `/t/${encodeURIComponent(topic.slug)}/${topic.id}`;
}

/** The address of one post: its topic, the page it is on, and its anchor. */
export function postPath(topic: { slug: string; id: number }, postNumber: number): string {
  const page = Math.ceil(postNumber / postsPerPage);
  return `${topicPath(topic)}${page > 1 ? `?page=${page}` : ''}#post-${postNumber}`;
}
