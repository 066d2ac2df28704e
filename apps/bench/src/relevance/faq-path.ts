import type { Database } from '@parvis/db';
import faq from '@parvis/plugin-faq';
import { articleIdOf } from '@parvis/plugin-faq/server/documents';
import { importFaqArticles } from '@parvis/plugin-faq/server/import';
import { searchFaq } from '@parvis/plugin-faq/server/search';
import type { SearchDocument, SearchEngine } from '@parvis/search';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { FaqItem } from './data';

/** The FAQ plugin's own import, search source and search: what the relevance benchmark drives. */
export const faqPath = {
  describe: 'the faq plugin (importFaqArticles, its search source, searchFaq)',

  /** The plugin's tables, migrated the way the host migrates plugins. */
  async migrate(db: Database): Promise<void> {
    if (!faq.migrationsFolder) return;
    await migrate(db, { migrationsFolder: faq.migrationsFolder, migrationsTable: '__plugin_faq_migrations' });
  },

  async importItems(db: Database, items: FaqItem[], authorId: number): Promise<{ ids: number[] }> {
    const { ids } = await importFaqArticles(
      db,
      items.map((item) => ({
        question: item.question,
        answer: item.answer,
        locale: item.locale,
        externalId: item.externalId,
      })),
      { authorId },
    );
    return { ids };
  },

  async *documents(db: Database): AsyncIterable<SearchDocument[]> {
    if (!faq.search) throw new Error('the faq plugin has no search source');
    yield* faq.search.allDocuments(db);
  },

  /** Search document ids of the hits, in rank order. */
  async search(engine: SearchEngine, q: string, locale: 'en' | 'fr', limit: number): Promise<string[]> {
    return (await searchFaq(engine, { q, locale, limit })).map((hit) => hit.id);
  },

  /** The article a search document stands for. */
  articleOf: articleIdOf,
};
