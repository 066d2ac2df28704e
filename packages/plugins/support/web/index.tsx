import type { WebPlugin } from '@parvis/plugin-sdk/web';
import {
  AcceptAction,
  AcceptedMark,
  CategoryHeader,
  ListBadge,
  QaSwitch,
  QuestionStatus,
  QueueLink,
} from './slots';

/**
 * Support in the web app: badges and filters in lists, the accepted answer under the question,
 * accept/undo on replies, "I'm on it" for staff, the staff queue page and the Q&A switch in admin.
 * Everything reads `plugins.support` of the topics and categories the pages already load.
 */
export const supportWeb: WebPlugin = {
  id: 'support',
  slots: {
    'topic-list.badges': ListBadge,
    'category.header': CategoryHeader,
    'topic.after-first-post': QuestionStatus,
    'post.badges': AcceptedMark,
    'post.actions': AcceptAction,
    'nav.links': QueueLink,
    'admin.category': QaSwitch,
  },
  pages: [
    {
      id: 'queue',
      path: '/support/queue',
      source: 'packages/plugins/support/web/queue.tsx',
      page: () => import('./queue').then((module) => module.queuePage),
    },
  ],
  messages: {
    en: () => import('./messages/en').then((module) => module.en),
    fr: () => import('./messages/fr').then((module) => module.fr),
  },
};
