import { newStemmer } from 'snowball-stemmers';
import { englishStopWords, frenchElisions, frenchStopWords } from './stopwords';

export type Lang = 'en' | 'fr';
export const allLangs: readonly Lang[] = ['en', 'fr'];

/** Longer runs (hashes, base64, URLs without separators) are cut so they don't bloat the index. */
export const maxTermLength = 40;
/** Words of a query beyond this are ignored: a pasted paragraph must not cost 100 fuzzy lookups. */
export const maxQueryWords = 12;

const ideograph = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}`;
const wordChar = String.raw`[[\p{L}\p{M}\p{N}]--[${ideograph}]]`;
const joiner = String.raw`[\-_.]`;
const apostrophe = String.raw`['\u2019\u02BC]`;
// A run is words glued by joiners or apostrophes ("e-mail", "node.js", "l'été"); scripts written
// without spaces are cut into single characters, which is crude but lets them be found at all.
const runPattern = new RegExp(
  `${wordChar}+(?:(?:${joiner}|${apostrophe})${wordChar}+)*|[${ideograph}]`,
  'gv',
);
const apostrophePattern = /['\u2019\u02BC]/;
const asciiPattern = /^[\x20-\x7e]*$/;
const digitPattern = /\p{N}/u;
const notWordPattern = /[^\p{L}\p{M}\p{N}]+/gu;
const latinMarkPattern = /[\u0300-\u036f]/g;
const letterFolds: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  þ: 'th',
};
const letterFoldPattern = /[œæßøłđıþ]/g;

const elisions = new Set(frenchElisions);
const stopWords = new Set([...englishStopWords, ...frenchStopWords].map((w) => fold(w)));

/**
 * Lower-cases and removes accents: "Été" → "ete", "Œuvre" → "oeuvre", "ﬁchier" → "fichier".
 * Only the combining marks Latin letters decompose into are dropped; the voicing marks of
 * Japanese kana, for one, change the letter and are kept.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (asciiPattern.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .toLowerCase()
    .replace(latinMarkPattern, '')
    .replace(letterFoldPattern, (c) => letterFolds[c] ?? c)
    .replace(notWordPattern, '')
    .normalize('NFC');
}

/** Bound on each memo below; the whole memo is dropped when it is reached. */
const cacheLimit = 50_000;

const stemmers: Record<Lang, { stem(word: string): string }> = {
  en: newStemmer('english'),
  fr: newStemmer('french'),
};
const stemCache: Record<Lang, Map<string, string>> = { en: new Map(), fr: new Map() };

/**
 * Snowball stem of an already folded term, or the term itself when it is not worth stemming.
 * Both the index and the queries stem the folded form, so "securite" and "sécurité" share a stem
 * even though the French stemmer, fed accents, would treat them differently.
 */
export function stem(term: string, lang: Lang): string {
  if (term.length < 3 || digitPattern.test(term)) return term;
  const cache = stemCache[lang];
  let stemmed = cache.get(term);
  if (stemmed === undefined) {
    stemmed = stemmers[lang].stem(term);
    if (stemmed.length < 2) stemmed = term;
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(term, stemmed);
  }
  return stemmed;
}

/** Slot of a set of languages in a piece's memo: 0 English, 1 French, 2 both. */
function langsKey(langs: readonly Lang[]): 0 | 1 | 2 {
  return langs.length > 1 ? 2 : langs[0] === 'fr' ? 1 : 0;
}

/** One word as the tokenizer sees it, shared by all its occurrences (cached by raw text). */
class Piece {
  private readonly terms: Array<readonly string[] | undefined> = [];
  constructor(
    /** Folded form, apostrophes and elided articles removed. */
    readonly term: string,
    readonly stop: boolean,
    /** Offset inside the raw word where the kept word starts ("l'été" → 2). */
    readonly skip: number,
    /** The glued form of a run with joiners ("e-mail" → "email"): not stemmed. */
    readonly compound: boolean,
  ) {}

  /** Index terms: the folded word and its stems (those that differ from it); none for a stop word. */
  termsFor(langs: readonly Lang[]): readonly string[] {
    const key = langsKey(langs);
    let terms = this.terms[key];
    if (!terms) {
      terms = this.stop ? [] : this.compound ? [this.term] : [this.term, ...stemsOf(this.term, langs)];
      this.terms[key] = terms;
    }
    return terms;
  }
}

const pieceCache = new Map<string, Piece>();

function analyzePiece(raw: string): Piece {
  const cached = pieceCache.get(raw);
  if (cached) return cached;
  let skip = 0;
  let word = raw;
  if (apostrophePattern.test(raw)) {
    let parts = raw.split(apostrophePattern);
    if (elisions.has(fold(parts[0] ?? ''))) {
      skip = (parts[0] ?? '').length + 1;
      parts = parts.slice(1);
    }
    // English possessive: "user's guide" → "user".
    if (parts.length > 1 && fold(parts[parts.length - 1] ?? '') === 's') parts = parts.slice(0, -1);
    word = parts.join('');
  }
  const term = fold(word).slice(0, maxTermLength);
  const piece = new Piece(term, stopWords.has(term), skip, false);
  if (pieceCache.size >= cacheLimit) pieceCache.clear();
  pieceCache.set(raw, piece);
  return piece;
}

/** '-', '_' and '.' glue the pieces of a compound. */
function isJoiner(code: number): boolean {
  return code === 0x2d || code === 0x5f || code === 0x2e;
}

/**
 * Calls `visit` for every word of `text` in order, with its offsets in `text`. A run with
 * joiners ("e-mail") is reported piece by piece, then as a whole (its glued form, a compound).
 */
function eachPiece(
  text: string,
  visit: (piece: Piece, start: number, end: number) => void,
  skipRun?: (run: string) => boolean,
): void {
  for (const match of text.matchAll(runPattern)) {
    const run = match[0];
    if (skipRun?.(run)) continue;
    const runStart = match.index;
    let pieceStart = 0;
    let pieces = 0;
    let glued = '';
    for (let i = 0; i <= run.length; i += 1) {
      if (i < run.length && !isJoiner(run.charCodeAt(i))) continue;
      const piece = analyzePiece(pieceStart === 0 && i === run.length ? run : run.slice(pieceStart, i));
      if (piece.term) {
        visit(piece, runStart + pieceStart + piece.skip, runStart + i);
        glued += piece.term;
        pieces += 1;
      }
      pieceStart = i + 1;
    }
    if (pieces > 1 && glued.length <= maxTermLength) {
      visit(new Piece(glued, false, 0, true), runStart, runStart + run.length);
    }
  }
}

/** A word of a text with its offsets and index terms. */
export interface Token {
  start: number;
  end: number;
  /** Folded form. */
  term: string;
  stop: boolean;
  compound: boolean;
  /** What the index holds for it: the folded form and its stems; nothing for a stop word. */
  terms: readonly string[];
}

/** The words of `text`, in order, analysed as the index analyses them. */
export function tokenize(text: string, langs: readonly Lang[]): Token[] {
  const out: Token[] = [];
  eachPiece(text, (piece, start, end) => {
    out.push({
      start,
      end,
      term: piece.term,
      stop: piece.stop,
      compound: piece.compound,
      terms: piece.termsFor(langs),
    });
  });
  return out;
}

const plainWord = /^[a-z0-9]+$/i;

/**
 * Character ranges of the words of `text` that have one of the `matched` index terms: what a
 * highlight marks. Every index term of a word starts with the word's first two letters (a stem
 * only changes the ending), so a plain ASCII word whose first two letters start no matched term
 * is passed over without being analysed: most words of a snippet's text are.
 */
export function matchedRanges(
  text: string,
  langs: readonly Lang[],
  matched: ReadonlySet<string>,
): Array<[number, number]> {
  const heads = new Set<string>();
  for (const term of matched) heads.add(term.slice(0, 2));
  const ranges: Array<[number, number]> = [];
  eachPiece(
    text,
    (piece, start, end) => {
      if (piece.termsFor(langs).some((term) => matched.has(term))) ranges.push([start, end]);
    },
    (run) => plainWord.test(run) && !heads.has(run.slice(0, 2).toLowerCase()),
  );
  return ranges;
}

/** All index terms of a text, in order, repeated as often as they occur. */
export function indexTerms(text: string, langs: readonly Lang[]): string[] {
  const out: string[] = [];
  eachPiece(text, (piece) => {
    for (const term of piece.termsFor(langs)) out.push(term);
  });
  return out;
}

/** Stems of `term` that differ from it, one per language, without duplicates. */
export function stemsOf(term: string, langs: readonly Lang[]): string[] {
  const out: string[] = [];
  for (const lang of langs) {
    const s = stem(term, lang);
    if (s !== term && !out.includes(s)) out.push(s);
  }
  return out;
}

/** One word of a query, ready to be matched. */
export interface QueryWord {
  term: string;
  stems: string[];
  /** Maximum edit distance. */
  fuzzy: number;
  /** Match words that start with `term` (the word being typed). */
  prefix: boolean;
}

/** Edit distance allowed for a query word: one typo from 4 letters, two from 8, none in numbers. */
export function typoBudget(term: string): number {
  if (digitPattern.test(term)) return 0;
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/**
 * Splits a query into the words to match. Stop words are dropped, except when the last word is
 * still being typed (no space or punctuation after it): "mot de pas" must reach "passe".
 */
export function analyzeQuery(q: string, langs: readonly Lang[]): QueryWord[] {
  const raw = tokenize(q, langs).filter((token) => !token.compound);
  const last = raw[raw.length - 1];
  const typing = last !== undefined && last.end === q.length;
  const words: QueryWord[] = [];
  for (const word of raw) {
    const isTyped = typing && word === last;
    const prefix = isTyped && word.term.length >= (word.stop ? 3 : 2);
    if (word.stop && !prefix) continue;
    // A lone letter being typed matches too much to be useful; the other words decide.
    if (isTyped && word.term.length < 2 && raw.length > 1) continue;
    const existing = words.find((w) => w.term === word.term);
    if (existing) {
      existing.prefix ||= prefix;
      continue;
    }
    if (words.length >= maxQueryWords) continue;
    words.push({
      term: word.term,
      stems: word.terms.slice(1),
      fuzzy: word.stop ? 0 : typoBudget(word.term),
      prefix,
    });
  }
  return words;
}

/** Whether the query has at least one word that can match something. */
export function hasSearchableWords(q: string): boolean {
  return analyzeQuery(q, allLangs).length > 0;
}

const englishOnly: readonly Lang[] = ['en'];
const frenchOnly: readonly Lang[] = ['fr'];
/** Frequent function words that belong to only one of the two languages. */
const englishMarkers = new Set(
  'the and is are was were to of you your with that this it for have not be'.split(' '),
);
const frenchMarkers = new Set(
  'le la les et est des du une un pour que qui dans pas vous je il sur avec au ce'.split(' '),
);

/**
 * The language(s) a text is most likely written in, from its function words: one language when
 * it clearly dominates, both when the text is too short or too mixed to tell.
 */
export function guessLangs(text: string): readonly Lang[] {
  let en = 0;
  let fr = 0;
  eachPiece(text.length > 3000 ? text.slice(0, 3000) : text, (piece) => {
    if (englishMarkers.has(piece.term)) en += 1;
    else if (frenchMarkers.has(piece.term)) fr += 1;
  });
  if (en + fr >= 3) {
    if (en >= 2 * fr) return englishOnly;
    if (fr >= 2 * en) return frenchOnly;
  }
  return allLangs;
}
