import { fileURLToPath } from 'node:url';
import { definePlugin } from '@parvis/plugin-sdk';
import './domain/events';
import * as policies from './domain/policies';
import { addFaqDemo } from './server/demo';
import { faqSearchSource } from './server/documents';
import { faqMessages } from './server/messages';
import { faqOperations, faqRoutes } from './server/routes';
import { faqTopicExtension } from './server/topics';

/**
 * FAQ: articles staff write (Markdown, revisions, helpful votes), found by the search as you
 * type on `/faq` and suggested in the new-topic composer, with a record of the questions that
 * suggestion answered (deflection) and of the searches that found nothing (content gaps).
 * Solved threads become draft articles in one action.
 */
export default definePlugin({
  id: 'faq',
  description: 'A self-service FAQ: articles, search as you type, suggestions while asking.',
  messages: faqMessages,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  routes: faqRoutes,
  operations: faqOperations,
  search: faqSearchSource,
  topics: faqTopicExtension,
  policies: { ...policies },
  demo: addFaqDemo,
});
