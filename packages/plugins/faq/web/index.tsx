import { defineWebPlugin, type SlotProps, type WebPlugin } from '@parvis/plugin-sdk/web';
import type { Component } from 'solid-js';
import { ComposerSuggestions, FaqNavLink, TopicFaq } from './slots';

const slot = <C,>(component: Component<SlotProps<C>>) => component as Component<SlotProps<never>>;

/** The FAQ's web part: its pages, the header link, composer suggestions, and the topic's FAQ link. */
export const faqWeb: WebPlugin = defineWebPlugin({
  id: 'faq',
  slots: {
    'nav.links': slot(FaqNavLink),
    'composer.aside': slot(ComposerSuggestions),
    'topic.after-first-post': slot(TopicFaq),
  },
  // More specific paths first: `/faq/new` is not an article called "new".
  pages: [
    {
      id: 'index',
      path: '/faq',
      source: 'packages/plugins/faq/web/pages/faq-index.tsx',
      page: () => import('./pages/faq-index').then((m) => m.faqIndexPage),
    },
    {
      id: 'new',
      path: '/faq/new',
      source: 'packages/plugins/faq/web/pages/editor.tsx',
      page: () => import('./pages/editor').then((m) => m.newArticlePage),
    },
    {
      id: 'insights',
      path: '/faq/insights',
      source: 'packages/plugins/faq/web/pages/insights.tsx',
      page: () => import('./pages/insights').then((m) => m.insightsPage),
    },
    {
      id: 'article',
      path: '/faq/:slug',
      source: 'packages/plugins/faq/web/pages/article.tsx',
      page: () => import('./pages/article').then((m) => m.articlePage),
    },
    {
      id: 'edit',
      path: '/faq/:slug/edit',
      source: 'packages/plugins/faq/web/pages/editor.tsx',
      page: () => import('./pages/editor').then((m) => m.editArticlePage),
    },
    {
      id: 'history',
      path: '/faq/:slug/history',
      source: 'packages/plugins/faq/web/pages/history.tsx',
      page: () => import('./pages/history').then((m) => m.historyPage),
    },
  ],
  messages: {
    en: () => import('./messages/en').then((module) => module.en),
    fr: () => import('./messages/fr').then((module) => module.fr),
  },
});
