/**
 * The FAQ's events, added to the one typed event map. Importing this module (plugin.ts does)
 * makes `recordEvent(tx, 'faq.article_created', …)` type-check like a core event.
 */
export interface FaqEventMap {
  'faq.article_created': { articleId: number; status: 'published' | 'draft'; locale: 'fr' | 'en' };
  'faq.article_updated': {
    articleId: number;
    revision: number;
    changes: string[];
    /** When the address changed: the old slug keeps redirecting to the new one. */
    slug?: { from: string; to: string };
  };
  'faq.article_published': { articleId: number };
  'faq.article_unpublished': { articleId: number };
  'faq.article_deleted': { articleId: number };
  'faq.article_promoted': { articleId: number; topicId: number; postId: number | null };
  'faq.article_voted': { articleId: number; helpful: boolean; byGuest: boolean };
}

declare module '@parvis/domain' {
  interface DomainEventMap {
    'faq.article_created': FaqEventMap['faq.article_created'];
    'faq.article_updated': FaqEventMap['faq.article_updated'];
    'faq.article_published': FaqEventMap['faq.article_published'];
    'faq.article_unpublished': FaqEventMap['faq.article_unpublished'];
    'faq.article_deleted': FaqEventMap['faq.article_deleted'];
    'faq.article_promoted': FaqEventMap['faq.article_promoted'];
    'faq.article_voted': FaqEventMap['faq.article_voted'];
  }
}

/** Every event after which an article's search document may have changed. */
export const faqSearchEvents = [
  'faq.article_created',
  'faq.article_updated',
  'faq.article_published',
  'faq.article_unpublished',
  'faq.article_deleted',
  'faq.article_promoted',
] as const satisfies readonly (keyof FaqEventMap)[];
