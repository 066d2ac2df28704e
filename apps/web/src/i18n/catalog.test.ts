import { faqWeb } from '@parvis/plugin-faq/web';
import { faqPageMessages } from '@parvis/plugin-faq/web/page-messages';
import { supportWeb } from '@parvis/plugin-support/web';
import { supportQueueMessages } from '@parvis/plugin-support/web/queue-messages';
import { welcomeWeb } from '@parvis/plugin-welcome/web';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each<[string, Record<string, string>, Record<string, string>]>([
  ['web', en as Record<string, string>, fr as Record<string, string>],
  ['welcome plugin', await welcomeWeb.messages.en(), await welcomeWeb.messages.fr()],
  [
    'faq plugin',
    { ...(await faqWeb.messages.en()), ...faqPageMessages.en },
    { ...(await faqWeb.messages.fr()), ...faqPageMessages.fr },
  ],
  [
    'support plugin',
    { ...(await supportWeb.messages.en()), ...supportQueueMessages.en },
    { ...(await supportWeb.messages.fr()), ...supportQueueMessages.fr },
  ],
])('%s catalogs', (_name, english, french) => {
  it('have the same keys in English and French', () => {
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
  });

  it('have no empty strings', () => {
    for (const [key, text] of [...Object.entries(english), ...Object.entries(french)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(english)) {
      expect(placeholders(french[key] ?? ''), key).toEqual(placeholders(english[key] ?? ''));
    }
  });

  it('write French with typographic apostrophes and quotes', () => {
    for (const [key, text] of Object.entries(french)) {
      expect(text, key).not.toMatch(/'/);
      expect(text, key).not.toMatch(/"/);
    }
  });
});
