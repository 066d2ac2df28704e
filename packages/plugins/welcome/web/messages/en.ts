/** English strings of the welcome card, loaded with the page's language. */
export const en = {
  'welcome.card.title': 'New here?',
  'welcome.card.text':
    'Welcome! Browse the latest topics, search before you ask, and feel free to introduce yourself — people here are glad to help.',
};
