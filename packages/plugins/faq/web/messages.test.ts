import { describe, expect, it } from 'vitest';
import { faqMessages } from '../server/messages';
import { en } from './messages/en';
import { fr } from './messages/fr';
import { faqPageMessages } from './page-messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['server', faqMessages],
  [
    'web',
    {
      en: { ...en, ...faqPageMessages.en },
      fr: { ...fr, ...faqPageMessages.fr },
    },
  ],
])('%s strings', (_name, messages: { en: Record<string, string>; fr: Record<string, string> }) => {
  it('exist in both languages with the same placeholders, prefixed faq.', () => {
    expect(Object.keys(messages.fr).sort()).toEqual(Object.keys(messages.en).sort());
    for (const [key, text] of Object.entries(messages.en)) {
      expect(key).toMatch(/^faq\./);
      expect(text.trim()).not.toBe('');
      expect(placeholders(messages.fr[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('write French with typographic apostrophes and quotes', () => {
    for (const [key, text] of Object.entries(messages.fr)) expect(text, key).not.toMatch(/['"]/);
  });
});
