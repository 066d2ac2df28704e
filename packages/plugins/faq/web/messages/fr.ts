import type { en } from './en';

/** French strings of the FAQ's header link and slots, with typographic punctuation. */
export const fr: Record<keyof typeof en, string> = {
  'faq.nav': 'FAQ',
  'faq.draft': 'Brouillon',
  'faq.composer.title': 'Déjà répondu ?',
  'faq.composer.intro':
    'Pendant que vous tapez le titre, les réponses qui peuvent vous aider s’affichent ici.',
  'faq.topic.in_faq': 'Dans la FAQ :',
};
