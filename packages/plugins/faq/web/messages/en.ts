/**
 * English strings of the FAQ's header link and slots (composer suggestions, topic link), loaded
 * with the page's language. Keys are prefixed `faq.`. Pages bring their own (page-messages.ts).
 */
export const en = {
  'faq.nav': 'FAQ',
  'faq.draft': 'Draft',
  'faq.composer.title': 'Already answered?',
  'faq.composer.intro': 'As you type your title, answers that may help appear here.',
  'faq.topic.in_faq': 'In the FAQ:',
};
