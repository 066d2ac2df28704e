import { describe, expect, it } from 'vitest';
import {
  allLangs,
  analyzeQuery,
  fold,
  guessLangs,
  hasSearchableWords,
  indexTerms,
  matchedRanges,
  maxQueryWords,
  stem,
  tokenize,
  typoBudget,
} from './analysis';

const words = (text: string) => tokenize(text, allLangs).map((t) => t.term);

describe('fold', () => {
  it('lower-cases and removes accents and ligatures', () => {
    expect(fold('Été')).toBe('ete');
    expect(fold('FRANÇAIS')).toBe('francais');
    expect(fold('Œuvre')).toBe('oeuvre');
    expect(fold('ﬁchier')).toBe('fichier');
    expect(fold('Straße')).toBe('strasse');
  });

  it('folds decomposed input like composed input', () => {
    expect(fold('e\u0301te\u0301')).toBe(fold('été'));
  });
});

describe('tokenize', () => {
  it('drops French elisions with a straight or curly apostrophe, keeping offsets on the word', () => {
    const text = "L'installation et l’été";
    const tokens = tokenize(text, ['fr']);
    expect(tokens.map((t) => t.term)).toEqual(['installation', 'et', 'ete']);
    expect(text.slice(tokens[0]!.start, tokens[0]!.end)).toBe('installation');
    expect(text.slice(tokens[2]!.start, tokens[2]!.end)).toBe('été');
  });

  it('keeps other apostrophes inside the word and drops the English possessive', () => {
    expect(words("aujourd'hui the user's guide")).toEqual(['aujourdhui', 'the', 'user', 'guide']);
  });

  it('reports the pieces of a compound, then its glued form', () => {
    const tokens = tokenize('e-mail node.js', allLangs);
    expect(tokens.map((t) => [t.term, t.compound])).toEqual([
      ['e', false],
      ['mail', false],
      ['email', true],
      ['node', false],
      ['js', false],
      ['nodejs', true],
    ]);
  });

  it('cuts scripts without spaces into characters and ignores emoji', () => {
    expect(words('東京 🎉 パスワード')).toEqual(['東', '京', 'パ', 'ス', 'ワ', 'ー', 'ド']);
  });

  it('marks stop words and gives them no index terms', () => {
    const [the, password] = tokenize('the password', allLangs);
    expect(the).toMatchObject({ term: 'the', stop: true, terms: [] });
    expect(password).toMatchObject({ term: 'password', stop: false });
  });

  it('never cuts "été", "comment" or single letters as stop words', () => {
    expect(tokenize('été comment c', allLangs).every((t) => !t.stop)).toBe(true);
  });

  it('cuts very long words', () => {
    expect(words('a'.repeat(500))[0]).toHaveLength(40);
  });
});

describe('stemming', () => {
  it('stems folded words in each language', () => {
    expect(stem('factures', 'fr')).toBe(stem('facture', 'fr'));
    expect(stem('installing', 'en')).toBe(stem('installed', 'en'));
    expect(stem(fold('réinitialisation'), 'fr')).toBe(stem(fold('réinitialiser'), 'fr'));
  });

  it('leaves numbers and very short words alone', () => {
    expect(stem('404s', 'en')).toBe('404s');
    expect(stem('is', 'en')).toBe('is');
  });

  it('indexes each word with its stems, once per language that changes it', () => {
    expect(indexTerms('factures', ['fr'])).toEqual(['factures', 'factur']);
    expect(indexTerms('installing', ['en'])).toEqual(['installing', 'instal']);
    expect(indexTerms('installing', ['fr'])).toEqual(['installing']);
    expect(indexTerms('the installations', allLangs)).toEqual(['installations', 'instal', 'install']);
  });
});

describe('guessLangs', () => {
  it('recognises a language from its function words', () => {
    expect(guessLangs('The installer failed and the app is not working for me')).toEqual(['en']);
    expect(guessLangs("Le lien n'arrive pas dans la boîte de réception, et je ne sais pas pourquoi")).toEqual(
      ['fr'],
    );
  });

  it('keeps both languages when the text is too short or mixed to tell', () => {
    expect(guessLangs('Windows 11')).toEqual(allLangs);
    expect(guessLangs('the le and et')).toEqual(allLangs);
  });
});

describe('analyzeQuery', () => {
  it('treats the last word as a prefix unless a space or punctuation follows it', () => {
    expect(analyzeQuery('reset pass', allLangs).map((w) => w.prefix)).toEqual([false, true]);
    expect(analyzeQuery('reset pass ', allLangs).map((w) => w.prefix)).toEqual([false, false]);
    expect(analyzeQuery('reset password?', allLangs).map((w) => w.prefix)).toEqual([false, false]);
  });

  it('drops stop words, except a last one still being typed', () => {
    expect(analyzeQuery('comment réinitialiser le mot de passe', allLangs).map((w) => w.term)).toEqual([
      'comment',
      'reinitialiser',
      'mot',
      'passe',
    ]);
    expect(analyzeQuery('mot de pas', allLangs)).toEqual([
      { term: 'mot', stems: [], fuzzy: 0, prefix: false },
      { term: 'pas', stems: [], fuzzy: 0, prefix: true },
    ]);
    expect(analyzeQuery('mot de pas ', allLangs).map((w) => w.term)).toEqual(['mot']);
  });

  it('ignores a lone letter being typed after other words', () => {
    expect(analyzeQuery('reset p', allLangs).map((w) => w.term)).toEqual(['reset']);
    expect(analyzeQuery('c', allLangs).map((w) => w.term)).toEqual(['c']);
  });

  it('allows one typo from 4 letters, two from 8, none in numbers', () => {
    expect([typoBudget('mot'), typoBudget('pass'), typoBudget('password'), typoBudget('12345')]).toEqual([
      0, 1, 2, 0,
    ]);
  });

  it('stems in the languages asked for', () => {
    expect(analyzeQuery('installing ', ['en'])[0]?.stems).toEqual(['instal']);
    expect(analyzeQuery('installing ', ['fr'])[0]?.stems).toEqual([]);
  });

  it('dedupes words and keeps at most maxQueryWords of them', () => {
    expect(analyzeQuery('password Password PASSWORD', allLangs)).toHaveLength(1);
    const many = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(
      ' ',
    );
    expect(analyzeQuery(many, allLangs)).toHaveLength(maxQueryWords);
  });

  it('finds nothing to search in blank, punctuation, emoji or stop-word-only queries', () => {
    for (const q of ['', '  ', '?!…', '😀', 'the of ', '\u200b']) expect(hasSearchableWords(q)).toBe(false);
    expect(hasSearchableWords('été')).toBe(true);
  });
});

describe('matchedRanges', () => {
  const texts = [
    'Reset your PASSWORD: the passwords and pass-word reset links arrive by e-mail.',
    "L'installation a échoué : il fallait lancer l’installateur en administrateur, l'été dernier.",
    'Installing, installed, installer — Installation on Windows 11 (x64), C and R languages.',
    'Réinitialiser son mot de passe, Œuvres complètes, naïve café, happy happiness happily.',
  ];
  it('marks exactly the words a full analysis finds, for any set of matched terms', () => {
    for (const langs of [allLangs, ['en'], ['fr']] as const) {
      for (const text of texts) {
        const tokens = tokenize(text, langs);
        const vocabulary = [...new Set(tokens.flatMap((t) => t.terms))];
        for (let i = 0; i < vocabulary.length; i += 1) {
          const matched = new Set(vocabulary.filter((_, j) => (j * 7 + i) % 3 === 0));
          const expected = tokens
            .filter((t) => t.terms.some((term) => matched.has(term)))
            .map((t) => [t.start, t.end]);
          expect(matchedRanges(text, langs, matched)).toEqual(expected);
        }
      }
    }
  });
});
