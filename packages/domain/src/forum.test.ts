import { describe, expect, it } from 'vitest';
import { extractMentions, localeFromAcceptLanguage, slugify } from './index';

describe('slugify', () => {
  it('folds accents and punctuation', () => {
    expect(slugify('Où est passée ma facture ? (été 2024)')).toBe('ou-est-passee-ma-facture-ete-2024');
  });
  it('never returns an empty slug', () => {
    expect(slugify('???')).toBe('topic');
    expect(slugify('日本語')).toBe('topic');
  });
});

describe('extractMentions', () => {
  it('finds distinct mentions, lowercase, ignoring code and emails', () => {
    expect(extractMentions('Hi @Alice and @bob, ask @alice. mail me at x@y.com `@code`')).toEqual([
      'alice',
      'bob',
    ]);
  });
});

describe('localeFromAcceptLanguage', () => {
  it('respects quality values', () => {
    expect(localeFromAcceptLanguage('de-DE,fr;q=0.8,en;q=0.5')).toBe('fr');
    expect(localeFromAcceptLanguage('en-US,fr-CA;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('de')).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });
});
