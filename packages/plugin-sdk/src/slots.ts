/**
 * Named places in the UI where plugins may render a component. The web app renders, at each
 * slot, the components of the enabled plugins that fill it, giving each the slot's context.
 */
export const slotNames = [
  /** Header navigation. Context: none. */
  'nav.links',
  /** Home page sidebar. Context: none. */
  'home.aside',
  /** Beside a topic's title in lists (e.g. a "Solved" badge). Context: the topic summary. */
  'topic-list.badges',
  /** Top of a category page (e.g. Q&A filters). Context: `{ category, filters }`. */
  'category.header',
  /** Right under a topic's opening post (e.g. the accepted answer). Context: `{ topic, posts }`. */
  'topic.after-first-post',
  /** Beside a post's author line (e.g. "Accepted answer"). Context: `{ topic, post }`. */
  'post.badges',
  /** In a post's action bar (e.g. "Accept as answer"). Context: `{ topic, post }`. */
  'post.actions',
  /** After the topic's posts. Context: `{ topic }`. */
  'topic.after-posts',
  /**
   * Beside the new-topic composer. Context: `{ title, body, category, postedTopicId }` accessors;
   * `postedTopicId` is set once the topic is posted, before the composer goes away.
   */
  'composer.aside',
  /** Under each category in the admin page (e.g. "Q&A category" switch). Context: `{ category }`. */
  'admin.category',
  /** Profile page sidebar. Context: none. */
  'profile.aside',
] as const;
export type SlotName = (typeof slotNames)[number];
