import { describe, expect, it } from 'vitest';
import { composerQuery } from '../web/client';
import { articleSlug, freeSlug, normalizeTags } from './articles';
import { endOutcome, mergeOutcome, normalizeQuery, sameGap } from './deflection';

describe('articles', () => {
  it('makes URL slugs from questions, avoiding the words FAQ pages use', () => {
    expect(articleSlug('Comment exporter mes factures en PDF ?')).toBe(
      'comment-exporter-mes-factures-en-pdf',
    );
    expect(articleSlug('New')).toBe('new-faq');
    expect(articleSlug('???')).toBe('topic');
  });

  it('finds the first free slug', () => {
    expect(freeSlug('a', new Set())).toBe('a');
    expect(freeSlug('a', new Set(['a', 'a-2']))).toBe('a-3');
    const long = 'x'.repeat(80);
    expect(freeSlug(long, new Set([long])).length).toBeLessThanOrEqual(80);
  });

  it('normalizes tags', () => {
    expect(normalizeTags([' Factures ', 'factures', 'Mot  de passe', ''])).toEqual([
      'factures',
      'mot de passe',
    ]);
    expect(normalizeTags(Array.from({ length: 20 }, (_, i) => `t${i}`))).toHaveLength(10);
  });
});

describe('deflection', () => {
  it('ends a visit as posted, deflected or abandoned', () => {
    expect(endOutcome({ openedCount: 2 }, 5)).toBe('posted');
    expect(endOutcome({ openedCount: 1 }, null)).toBe('deflected');
    expect(endOutcome({ openedCount: 0 }, null)).toBe('abandoned');
  });

  it('lets posting win, and deflection beat abandoning', () => {
    expect(mergeOutcome('deflected', 'posted')).toBe('posted');
    expect(mergeOutcome('posted', 'deflected')).toBe('posted');
    expect(mergeOutcome('abandoned', 'deflected')).toBe('deflected');
    expect(mergeOutcome('deflected', 'abandoned')).toBe('deflected');
    expect(mergeOutcome(null, 'abandoned')).toBe('abandoned');
  });

  it('groups searches that found nothing', () => {
    expect(normalizeQuery('  Réinitialiser le MOT-de-passe !')).toBe('reinitialiser le mot de passe');
    expect(sameGap('quantum flux', 'quantum fl')).toBe(true);
    expect(sameGap('quantum', 'warp')).toBe(false);
  });
});

describe('composer suggestions', () => {
  it('search the title, completed by the body when the title is short', () => {
    expect(composerQuery('Export invoices', '**How** do I get a PDF?')).toBe(
      'Export invoices How do I get a PDF?',
    );
    expect(composerQuery('How do I export invoices', 'ignored body')).toBe('How do I export invoices');
    expect(composerQuery('', '')).toBe('');
  });
});
