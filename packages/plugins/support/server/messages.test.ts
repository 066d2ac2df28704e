import { describe, expect, it } from 'vitest';
import { supportMessages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('support API strings', () => {
  const { en, fr } = supportMessages as { en: Record<string, string>; fr: Record<string, string> };
  it('exist in both languages with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en))
      expect(placeholders(fr[key] ?? ''), key).toEqual(placeholders(en[key]!));
  });
  it('are namespaced, and French uses typographic apostrophes', () => {
    for (const key of Object.keys(en))
      expect(key).toMatch(/^(support\.|notification\.(kind\.)?answer_accepted$)/);
    for (const [key, text] of Object.entries(fr)) expect(text, key).not.toMatch(/['"]/);
  });
});
