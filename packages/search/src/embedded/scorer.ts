import { topK } from '../topk';
import { ranking } from './ranking';
import { countCap, type PackedField, type PackedPostings, type TermIndex } from './store';

/** A term to look up, its weight, and the query words it stands for (one bit per word). */
export interface TermLookup {
  term: string;
  weight: number;
  words: number;
}

export interface Scored<T> {
  /** MiniSearch's internal document id. */
  internal: number;
  value: T;
  score: number;
}

/** Queries of up to this many words require them all (see `run`). */
export const allWordsUpTo = 2;

const { bm25 } = ranking;
// norm = tf + k·(1 − b + b·length/avg), split into what depends on the document.
const base = bm25.k * (1 - bm25.b);
const saturation = bm25.k + 1;
const floor = bm25.d;

/** BM25's inverse document frequency of a term found in `df` of `n` documents, kept above 0. */
export function idf(n: number, df: number): number {
  return Math.max(0.01, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

/** BM25+ of a term in one field of one document, times the field's boost. */
function fieldScore(boost: number, tf: number, perLength: number, length: number): number {
  return boost * (floor + (tf * saturation) / (tf + base + perLength * length));
}

/**
 * Pruning compares sums added in different orders with bounds computed apart, which may differ in
 * their last bits: a document is only left out when it falls short by more than this share.
 */
const slack = 1e-9;

/** Whether a document scoring at most `bound` surely stays below the k-th best score `threshold`. */
function outOfReach(bound: number, threshold: number): boolean {
  return bound < threshold * (1 - slack);
}

/**
 * Looking a document up in a term's postings Map costs about this many sequential reads of its
 * packed postings: below it, the postings are scanned instead.
 */
const lookupCost = 16;

/** A looked-up term ready to score: its postings in the searched fields and its weight × idf. */
interface Term {
  fields: PackedField[];
  boosts: number[];
  /** Per field: BM25's length normalisation per word of the field, from its average length. */
  perLength: number[];
  weight: number;
  /** The most it can score in one document. */
  bound: number;
  postings: number;
}

/**
 * How much the average field lengths may grow before a term's cached bound is computed again:
 * longer averages raise every score a little, so the bound is computed as if they had already
 * grown by this share.
 */
const lengthDrift = 0.05;

/** A query word: the terms standing for it (itself, stems, completions, corrections). */
interface Word {
  /** Place in the query: a question's word scores are summed in this order, for stable rounding. */
  position: number;
  /** Highest bound first. */
  terms: Term[];
  bound: number;
  postings: number;
}

/** The k best documents offered so far; the heap's root is the worst of them. */
class BestDocuments {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly k: number,
    private readonly tieBreak: (a: number, b: number) => number,
  ) {}

  /** The score a document must reach to have a chance to enter: −∞ until k are kept. */
  get threshold(): number {
    if (this.k === 0) return Number.POSITIVE_INFINITY;
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** Whether the document at heap slot i ranks after the one at slot j. */
  private after(i: number, j: number): boolean {
    return ranksBefore(this.scores[j]!, this.docs[j]!, this.scores[i]!, this.docs[i]!, this.tieBreak);
  }

  private swap(i: number, j: number): void {
    const { docs, scores } = this;
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
  }

  offer(doc: number, score: number): void {
    const { docs, scores } = this;
    if (docs.length < this.k) {
      docs.push(doc);
      scores.push(score);
      for (let i = docs.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.after(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (this.k === 0 || !ranksBefore(score, doc, scores[0]!, docs[0]!, this.tieBreak)) return;
    docs[0] = doc;
    scores[0] = score;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      let worst = i;
      if (left < docs.length && this.after(left, worst)) worst = left;
      if (left + 1 < docs.length && this.after(left + 1, worst)) worst = left + 1;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  sorted(): Array<{ doc: number; score: number }> {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i]! }))
      .sort((a, b) => (ranksBefore(a.score, a.doc, b.score, b.doc, this.tieBreak) ? -1 : 1));
  }
}

/** Higher score first, then the tie-break, then the document indexed first, so the order is total. */
function ranksBefore(
  scoreA: number,
  a: number,
  scoreB: number,
  b: number,
  tieBreak: (a: number, b: number) => number,
): boolean {
  if (scoreA !== scoreB) return scoreA > scoreB;
  return (tieBreak(a, b) || a - b) < 0;
}

/** Size of the question buffer (`Scorer.wordScores`) kept for the next query: 8 MB. */
const keptWordScores = 1 << 20;

/** Per document in the current query. */
const unseen = 0;
/** Live, within the filters, scored. */
const candidate = 1;
/** Not live or filtered out. */
const excluded = 2;
/** Live and within the filters, found only through terms that cannot reach the top k: counted, not scored. */
const counted = 3;

/**
 * Ranks documents from the index postings with flat arrays indexed by MiniSearch's internal
 * document ids, kept from one query to the next so a query allocates next to nothing. Work is
 * pruned to what can change the top k: a question's common words are only looked up in the
 * documents its rarer words found that still have a chance, a two-word lookup checks the commoner
 * word only in the documents holding the rarer one, and a term whose best possible score cannot
 * reach the top k is counted, not scored. The totals stay exact. One per engine; not reentrant
 * (searches are synchronous).
 */
export class Scorer<T> {
  /** Score so far per document: its best term for a lookup, its words summed for a question. */
  private scores = new Float64Array(0);
  /** Best score of the current word per document, over the word's terms. */
  private wordBest = new Float64Array(0);
  /** Score of the current term per document, summed over fields. */
  private termSum = new Float64Array(0);
  private state = new Uint8Array(0);
  /** Documents given a state by this query, to reset afterwards. */
  private seen = new Uint32Array(0);
  /** Candidates of this query, in the order found; a candidate's slot is its place here. */
  private pool = new Uint32Array(0);
  private slots = new Uint32Array(0);
  private wordTouched = new Uint32Array(0);
  private termTouched = new Uint32Array(0);
  /** A question's word scores per candidate slot, one stretch per word scored over its postings. */
  private wordScores = new Float64Array(0);
  private stored: Array<{ offset: number; candidates: number } | undefined> = [];
  private storedCount = 0;
  private seenCount = 0;
  private poolCount = 0;
  private countedCount = 0;
  private index: TermIndex<T> | undefined;
  private accept: ((internal: number) => boolean) | undefined;
  /** Per packed term: the most it scores in one document before its weight, and the length factors assumed. */
  private bounds = new WeakMap<PackedPostings, { perLength: number[]; value: number }>();

  private ensure(size: number): void {
    if (size <= this.state.length) return;
    const length = Math.max(1024, size, this.state.length * 2);
    this.scores = new Float64Array(length);
    this.wordBest = new Float64Array(length);
    this.termSum = new Float64Array(length);
    this.state = new Uint8Array(length);
    this.seen = new Uint32Array(length);
    this.pool = new Uint32Array(length);
    this.slots = new Uint32Array(length);
    this.wordTouched = new Uint32Array(length);
    this.termTouched = new Uint32Array(length);
  }

  /**
   * Ranks the documents matching `lookups`.
   *
   * A word scores in a document as its best variant (itself, a stem, a completion, a
   * correction), not their sum: "windows" matching both "windows" and its stem "window" is one
   * word matched, not two.
   *
   * A query of one or two words is a lookup: every word must match; when no document has them
   * all, words found nowhere are ignored, and when that still leaves nothing, documents with
   * any word come back, the most words first. A longer query is a question: documents with any
   * of its words, by relevance (BM25 sums over the words, so those matching more and rarer
   * words come first). Requiring every word of a question, as PostgreSQL's
   * `websearch_to_tsquery` does, puts the right FAQ entry in the top 3 for at most 17% of the
   * paraphrased questions of `pnpm bench relevance`.
   */
  run(options: {
    index: TermIndex<T>;
    lookups: readonly TermLookup[];
    wordCount: number;
    /** Boost per field id; fields without one are not searched. */
    fieldBoosts: readonly number[];
    /** Filter on internal ids; only live documents are considered either way. */
    accept: ((internal: number) => boolean) | undefined;
    /** How many of the best documents to return, in order. */
    k: number;
    /** Orders documents of equal relevance, by internal id; past it, the one indexed first comes first. */
    tieBreak: (a: number, b: number) => number;
  }): { top: Scored<T>[]; total: number } {
    const { index, lookups, wordCount, fieldBoosts, accept, k, tieBreak } = options;
    this.ensure(index.idLimit);
    this.index = index;
    this.accept = accept;
    this.seenCount = 0;
    this.poolCount = 0;
    this.countedCount = 0;
    try {
      const words = this.wordsOf(lookups, wordCount, fieldBoosts);
      const { best, total } =
        wordCount <= allWordsUpTo ? this.lookup(words, k, tieBreak) : this.question(words, k, tieBreak);
      return { top: best.map(({ doc, score }) => ({ internal: doc, value: index.at(doc)!, score })), total };
    } finally {
      const { seen, state, scores } = this;
      for (let i = 0; i < this.seenCount; i += 1) {
        const doc = seen[i]!;
        state[doc] = unseen;
        scores[doc] = 0;
      }
      this.index = undefined;
      this.accept = undefined;
      this.stored = [];
      // A question touching most of a large index needs a large buffer: not one to keep.
      if (this.wordScores.length > keptWordScores) this.wordScores = new Float64Array(0);
    }
  }

  /** The query's words in query order, each with its terms ready to score. */
  private wordsOf(lookups: readonly TermLookup[], wordCount: number, fieldBoosts: readonly number[]): Word[] {
    const index = this.index!;
    const n = Math.max(1, index.documentCount);
    const terms = lookups.map((lookup): Term | undefined => {
      const postings = index.postings(lookup.term);
      if (!postings) return undefined;
      // One idf per term, from the documents holding it anywhere: a word every answer uses
      // ("pandemic") must not weigh much because few titles happen to use it.
      const weight = lookup.weight * idf(n, postings.df);
      const term: Term = { fields: [], boosts: [], perLength: [], weight, bound: 0, postings: 0 };
      for (const field of postings.fields) {
        const boost = fieldBoosts[field.fieldId] ?? 0;
        if (boost === 0) continue;
        term.fields.push(field);
        term.boosts.push(boost);
        term.perLength.push((bm25.k * bm25.b) / (index.averageFieldLength(field.fieldId) || 1));
        term.postings += field.docs.length;
      }
      term.bound = this.unweightedBound(postings, term) * weight;
      return term;
    });
    const words: Word[] = [];
    for (let position = 0; position < wordCount; position += 1) {
      const own = terms
        .filter((term, i): term is Term => term !== undefined && (lookups[i]!.words & (1 << position)) !== 0)
        .sort((a, b) => b.bound - a.bound);
      words.push({
        position,
        terms: own,
        bound: own[0]?.bound ?? 0,
        postings: own.reduce((sum, term) => sum + term.postings, 0),
      });
    }
    return words;
  }

  /**
   * The most a term scores in one document before its weight, over the documents it is in: a
   * bound from its best field scores alone would count a title and a reply's inherited title
   * together, which no document has, and prune next to nothing. Computed on first use of the
   * packed postings (as costly as scoring them once), then kept while the length factors it
   * assumed stay at or below the current ones.
   */
  private unweightedBound(postings: PackedPostings, term: Term): number {
    const cached = this.bounds.get(postings);
    if (cached?.perLength.every((assumed, f) => assumed <= term.perLength[f]!)) return cached.value;
    const perLength = term.perLength.map((factor) => factor * (1 - lengthDrift));
    const { termSum, termTouched } = this;
    let touched = 0;
    for (let f = 0; f < term.fields.length; f += 1) {
      const { docs, tfs, lengths } = term.fields[f]!;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i]!;
        if (termSum[doc] === 0) termTouched[touched++] = doc;
        termSum[doc]! += fieldScore(term.boosts[f]!, tfs[i]!, perLength[f]!, lengths[i]!);
      }
    }
    let value = 0;
    for (let i = 0; i < touched; i += 1) {
      const doc = termTouched[i]!;
      if (termSum[doc]! > value) value = termSum[doc]!;
      termSum[doc] = 0;
    }
    this.bounds.set(postings, { perLength, value });
    return value;
  }

  /**
   * One or two words, all required (see `run`). With two, the rarer word is scored in full and
   * the other only looked up in its documents; when none holds both, the documents of either
   * come back, and no document then has more words than another.
   */
  private lookup(
    words: Word[],
    k: number,
    tieBreak: (a: number, b: number) => number,
  ): { best: Array<{ doc: number; score: number }>; total: number } {
    const { scores, wordBest, wordTouched, pool } = this;
    if (words.length === 2) {
      const [rare, common] = words[0]!.postings <= words[1]!.postings ? words : [words[1]!, words[0]!];
      for (const term of rare!.terms) this.keepBestTerm(term, this.sumTerm(term));
      let listed = 0;
      for (const term of common!.terms) listed = this.keepWordBest(term, this.sumTermInPool(term), listed);
      if (listed > 0) {
        // The documents holding both words, listed by keepWordBest; a sum of two is the same in
        // either order.
        for (let i = 0; i < listed; i += 1) {
          const doc = wordTouched[i]!;
          scores[doc]! += wordBest[doc]!;
          wordBest[doc] = 0;
          pool[i] = doc;
        }
        this.poolCount = listed;
        return { best: this.bestOfPool(k, tieBreak), total: listed };
      }
      this.scoreByBestTerm(common!, k);
    } else if (words.length === 1) {
      this.scoreByBestTerm(words[0]!, k);
    }
    return { best: this.bestOfPool(k, tieBreak), total: this.poolCount + this.countedCount };
  }

  /**
   * Scores documents by one word, its best term in each, terms of highest bound first: once the
   * pool holds k documents scoring above what a term can reach, that term's documents are only
   * counted. A document's score may then stay below its true one, but only where both are below
   * the k-th best.
   */
  private scoreByBestTerm(word: Word, k: number): void {
    const { scores, termSum, termTouched } = this;
    let threshold = this.kthBestScore(k);
    let highest = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < word.terms.length; t += 1) {
      const term = word.terms[t]!;
      if (outOfReach(term.bound, threshold)) {
        this.countTerm(term);
        continue;
      }
      const touched = this.sumTerm(term);
      for (let i = 0; i < touched; i += 1) {
        const doc = termTouched[i]!;
        const score = termSum[doc]! * term.weight;
        termSum[doc] = 0;
        if (score > scores[doc]!) scores[doc] = score;
        if (score > highest) highest = score;
      }
      const next = word.terms[t + 1];
      if (next && outOfReach(next.bound, highest)) threshold = this.kthBestScore(k);
    }
  }

  /**
   * A question, by MaxScore. Words are scored over their postings from the highest bound (the
   * rarest) down, until the words left could not lift a document none of the others found into
   * the top k; those are then looked up only in the candidates still in reach, and their other
   * documents are counted. Exact scores add the words up in query order, as an exhaustive
   * evaluation would, so both agree to the last bit.
   */
  private question(
    words: Word[],
    k: number,
    tieBreak: (a: number, b: number) => number,
  ): { best: Array<{ doc: number; score: number }>; total: number } {
    const { scores, pool } = this;
    const byBound = [...words].sort((a, b) => b.bound - a.bound || a.postings - b.postings);
    // reach[i]: the most the words from byBound[i] on can add to a document.
    const reach = new Float64Array(byBound.length + 1);
    for (let i = byBound.length - 1; i >= 0; i -= 1) reach[i] = reach[i + 1]! + byBound[i]!.bound;
    // The k-th best score so far is at most the final k-th best: a floor for the threshold.
    let floor = Number.NEGATIVE_INFINITY;
    let essential = 0;
    this.storedCount = 0;
    for (; essential < byBound.length; essential += 1) {
      if (outOfReach(reach[essential]!, k === 0 ? Number.POSITIVE_INFINITY : floor)) break;
      const highest = this.addWord(byBound[essential]!);
      // Worth selecting the k-th best only if it may shut the remaining words out.
      if (!outOfReach(reach[essential + 1]!, highest)) floor = Math.max(floor, this.kthBestScore(k));
    }
    const best = new BestDocuments(k, tieBreak);
    const looked = new Float64Array(words.length);
    for (let i = 0; i < this.poolCount; i += 1) {
      const doc = pool[i]!;
      const threshold = Math.max(floor, best.threshold);
      let known = scores[doc]!;
      let inReach = !outOfReach(known + reach[essential]!, threshold);
      for (let j = essential; inReach && j < byBound.length; j += 1) {
        const word = byBound[j]!;
        looked[word.position] = this.wordScoreOf(word, doc);
        known += looked[word.position]!;
        inReach = !outOfReach(known + reach[j + 1]!, threshold);
      }
      if (inReach) best.offer(doc, this.exactScore(words, i, looked));
    }
    for (let j = essential; j < byBound.length; j += 1)
      for (const term of byBound[j]!.terms) this.countTerm(term);
    return { best: best.sorted(), total: this.poolCount + this.countedCount };
  }

  /**
   * The score of the question candidate in `slot`: its words summed in query order, from the
   * scores stored when each word was scored over its postings, or else from `looked` (looked up
   * in that document).
   */
  private exactScore(words: readonly Word[], slot: number, looked: Float64Array): number {
    let score = 0;
    for (const word of words) {
      const stored = this.stored[word.position];
      if (stored === undefined) score += looked[word.position]!;
      // Documents found after the word was scored do not hold it.
      else if (slot < stored.candidates) score += this.wordScores[stored.offset + slot]!;
    }
    return score;
  }

  /** First sight of a document in this query: whether it is live and within the filters. */
  private admit(doc: number, as: typeof candidate | typeof counted): number {
    const index = this.index!;
    const state = index.at(doc) !== undefined && (!this.accept || this.accept(doc)) ? as : excluded;
    this.state[doc] = state;
    this.seen[this.seenCount++] = doc;
    if (state === candidate) {
      this.slots[doc] = this.poolCount;
      this.pool[this.poolCount++] = doc;
    } else if (state === counted) this.countedCount += 1;
    return state;
  }

  /**
   * Sums a term's field scores per document over all its postings into `termSum`, admitting the
   * documents seen first as candidates; lists the documents summed in `termTouched`, returns
   * how many.
   */
  private sumTerm(term: Term): number {
    const { state, termSum, termTouched } = this;
    let touched = 0;
    for (let f = 0; f < term.fields.length; f += 1) {
      const { docs, tfs, lengths } = term.fields[f]!;
      const boost = term.boosts[f]!;
      const perLength = term.perLength[f]!;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i]!;
        let docState = state[doc]!;
        if (docState === unseen) docState = this.admit(doc, candidate);
        if (docState !== candidate) continue;
        if (termSum[doc] === 0) termTouched[touched++] = doc;
        termSum[doc]! += fieldScore(boost, tfs[i]!, perLength, lengths[i]!);
      }
    }
    return touched;
  }

  /** As `sumTerm`, for the candidates already in the pool only. */
  private sumTermInPool(term: Term): number {
    const { state, termSum, termTouched, pool } = this;
    const index = this.index!;
    let touched = 0;
    for (let f = 0; f < term.fields.length; f += 1) {
      const { docs, tfs, lengths, byDoc, fieldId } = term.fields[f]!;
      const boost = term.boosts[f]!;
      const perLength = term.perLength[f]!;
      if (docs.length <= lookupCost * this.poolCount) {
        for (let i = 0; i < docs.length; i += 1) {
          const doc = docs[i]!;
          if (state[doc] !== candidate) continue;
          if (termSum[doc] === 0) termTouched[touched++] = doc;
          termSum[doc]! += fieldScore(boost, tfs[i]!, perLength, lengths[i]!);
        }
      } else {
        for (let p = 0; p < this.poolCount; p += 1) {
          const doc = pool[p]!;
          const tf = byDoc.get(doc);
          if (tf === undefined) continue;
          if (termSum[doc] === 0) termTouched[touched++] = doc;
          termSum[doc]! += fieldScore(
            boost,
            Math.min(tf, countCap),
            perLength,
            index.fieldLength(doc, fieldId),
          );
        }
      }
    }
    return touched;
  }

  /** Raises each summed document's score to the term's, if higher. */
  private keepBestTerm(term: Term, touched: number): void {
    const { scores, termSum, termTouched } = this;
    for (let i = 0; i < touched; i += 1) {
      const doc = termTouched[i]!;
      const score = termSum[doc]! * term.weight;
      termSum[doc] = 0;
      if (score > scores[doc]!) scores[doc] = score;
    }
  }

  /**
   * Raises each summed document's best score for the current word to the term's, if higher;
   * appends the documents new to the word to `wordTouched` after the `listed` ones, returns how
   * many are listed then.
   */
  private keepWordBest(term: Term, touched: number, listed: number): number {
    const { wordBest, termSum, termTouched, wordTouched } = this;
    let count = listed;
    for (let i = 0; i < touched; i += 1) {
      const doc = termTouched[i]!;
      const score = termSum[doc]! * term.weight;
      termSum[doc] = 0;
      if (wordBest[doc] === 0) wordTouched[count++] = doc;
      if (score > wordBest[doc]!) wordBest[doc] = score;
    }
    return count;
  }

  /**
   * Adds a question word's score (its best term) to every document holding it, and keeps it per
   * candidate for `exactScore`; returns the highest score so far among those documents.
   */
  private addWord(word: Word): number {
    const { scores, wordBest, wordTouched } = this;
    let touched = 0;
    for (const term of word.terms) touched = this.keepWordBest(term, this.sumTerm(term), touched);
    // One stretch of `wordScores` per word, by candidate slot, for the candidates so far.
    const offset = this.storedCount;
    const candidates = this.poolCount;
    if (offset + candidates > this.wordScores.length) {
      const grown = new Float64Array(Math.max(2 * this.wordScores.length, offset + candidates));
      grown.set(this.wordScores.subarray(0, offset));
      this.wordScores = grown;
    }
    const { wordScores, slots } = this;
    wordScores.fill(0, offset, offset + candidates);
    this.stored[word.position] = { offset, candidates };
    this.storedCount = offset + candidates;
    let highest = 0;
    for (let i = 0; i < touched; i += 1) {
      const doc = wordTouched[i]!;
      const score = wordBest[doc]!;
      wordBest[doc] = 0;
      wordScores[offset + slots[doc]!] = score;
      scores[doc]! += score;
      if (scores[doc]! > highest) highest = scores[doc]!;
    }
    return highest;
  }

  /** Admits a term's documents not seen yet as counted: they make the total, unscored. */
  private countTerm(term: Term): void {
    const { state } = this;
    for (const { docs } of term.fields) {
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i]!;
        if (state[doc] === unseen) this.admit(doc, counted);
      }
    }
  }

  /** A word's score in one document (its best term), from MiniSearch's postings Maps. */
  private wordScoreOf(word: Word, doc: number): number {
    const index = this.index!;
    let best = 0;
    for (const term of word.terms) {
      let sum = 0;
      for (let f = 0; f < term.fields.length; f += 1) {
        const field = term.fields[f]!;
        const tf = field.byDoc.get(doc);
        if (tf === undefined) continue;
        sum += fieldScore(
          term.boosts[f]!,
          Math.min(tf, countCap),
          term.perLength[f]!,
          index.fieldLength(doc, field.fieldId),
        );
      }
      const score = sum * term.weight;
      if (score > best) best = score;
    }
    return best;
  }

  /** The k-th best score in the pool: +∞ when k is 0, −∞ while the pool holds fewer. */
  private kthBestScore(k: number): number {
    if (k === 0) return Number.POSITIVE_INFINITY;
    if (this.poolCount < k) return Number.NEGATIVE_INFINITY;
    const { scores, pool } = this;
    // Min-heap of the k best scores seen.
    const heap = new Float64Array(k);
    for (let i = 0; i < this.poolCount; i += 1) {
      const score = scores[pool[i]!]!;
      if (i < k) {
        let at = i;
        heap[at] = score;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (heap[parent]! <= heap[at]!) break;
          [heap[parent], heap[at]] = [heap[at]!, heap[parent]!];
          at = parent;
        }
      } else if (score > heap[0]!) {
        heap[0] = score;
        for (let at = 0; ; ) {
          const left = 2 * at + 1;
          let low = at;
          if (left < k && heap[left]! < heap[low]!) low = left;
          if (left + 1 < k && heap[left + 1]! < heap[low]!) low = left + 1;
          if (low === at) break;
          [heap[low], heap[at]] = [heap[at]!, heap[low]!];
          at = low;
        }
      }
    }
    return heap[0]!;
  }

  private bestOfPool(
    k: number,
    tieBreak: (a: number, b: number) => number,
  ): Array<{ doc: number; score: number }> {
    const { scores } = this;
    const best = topK(
      this.pool.subarray(0, this.poolCount),
      k,
      (a, b) => scores[b]! - scores[a]! || tieBreak(a, b) || a - b,
    );
    return best.map((doc) => ({ doc, score: scores[doc]! }));
  }
}

/** The looked-up terms present in one document, any field: what its highlight marks. */
export function termsInDocument<T>(
  index: TermIndex<T>,
  lookups: readonly TermLookup[],
  internal: number,
): Set<string> {
  const found = new Set<string>();
  for (const { term } of lookups) {
    const data = index.dictionary.get(term);
    if (!data) continue;
    for (const docs of data.values()) {
      if (docs.has(internal)) {
        found.add(term);
        break;
      }
    }
  }
  return found;
}
