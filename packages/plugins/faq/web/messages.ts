/**
 * Strings of the FAQ's header link and slots (composer suggestions, topic link), loaded on every
 * page. Keys are prefixed `faq.`; French uses typographic punctuation. Pages bring their own
 * (page-messages.ts), loaded with them.
 */
export const faqWebMessages = {
  en: {
    'faq.nav': 'FAQ',
    'faq.draft': 'Draft',
    'faq.composer.title': 'Already answered?',
    'faq.composer.intro': 'As you type your title, answers that may help appear here.',
    'faq.topic.in_faq': 'In the FAQ:',
  },
  fr: {
    'faq.nav': 'FAQ',
    'faq.draft': 'Brouillon',
    'faq.composer.title': 'Déjà répondu ?',
    'faq.composer.intro':
      'Pendant que vous tapez le titre, les réponses qui peuvent vous aider s’affichent ici.',
    'faq.topic.in_faq': 'Dans la FAQ :',
  },
} satisfies Record<'en' | 'fr', Record<string, string>>;
