import { allLangs, analyzeQuery, guessLangs, indexTerms, type Lang, matchedRanges } from '../analysis';
import { highlightAll, snippet } from '../highlight';
import { checkDocument, paging, searchOnePerTopic } from '../paging';
import type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from '../types';
import { coverageOf } from './coverage';
import { expandWord } from './expand';
import { Facets } from './facets';
import { ranking } from './ranking';
import { allWordsUpTo, type Scored, Scorer, type TermLookup, termsInDocument } from './scorer';
import { trigramSimilarity, trigrams } from './similarity';
import { type TermDictionary, TermIndex } from './store';

type Field = keyof typeof ranking.fieldBoosts;
const fields = Object.keys(ranking.fieldBoosts) as Field[];

/** Document types whose title is their topic's, not their own. */
const replyTypes = new Set(['post']);
/** A reply's inherited title counts for this much of a title of its own. */
const replyTitleShare = ranking.fieldBoosts.parentTitle / ranking.fieldBoosts.title;

/** Longest body prefix scanned for a snippet: one huge post must not slow a results page down. */
const snippetScanLimit = 50_000;

interface StoredDocument {
  doc: SearchDocument;
  /** Languages its words were stemmed in; highlighting must analyse it the same way. */
  langs: readonly Lang[];
}

/**
 * Languages whose stems are indexed for a document. A declared locale is trusted. Without one
 * the language is guessed from function words ("the", "les"…); when the text is too short to
 * tell, both stemmers are used: a foreign stem costs a rare false match, while a missing one
 * makes "factures" miss "facture" in every untagged French post. Queries are stemmed in both
 * languages (or in the locale they filter on), so they meet the index however a document was
 * stemmed.
 */
function langsOf(doc: SearchDocument): readonly Lang[] {
  if (doc.locale === 'en' || doc.locale === 'fr') return [doc.locale];
  return guessLangs(`${doc.title}\n${doc.body}`);
}

/** Index terms of each field, in `fields` order. */
function fieldTerms(doc: SearchDocument, langs: readonly Lang[]): string[][] {
  const terms = (text: string | undefined) => (text ? indexTerms(text, langs) : []);
  const isReply = replyTypes.has(doc.type);
  const byField: Record<Field, string[]> = {
    title: isReply ? [] : terms(doc.title),
    tags: terms(doc.tags?.join(' ')),
    body: terms(doc.body),
    parentTitle: isReply ? terms(doc.title) : [],
  };
  return fields.map((f) => byField[f]);
}

/**
 * A hit whose highlight is computed when first read: a caller that reads ahead (the forum search
 * asks for three pages to keep one post per topic) pays the text work only for what it shows.
 * The words to mark are read from the index then too: a document rewritten in between may show
 * fewer marks, never wrong text, since the hit keeps the version it was found in.
 */
function toHit({ doc, langs }: StoredDocument, score: number, marks: () => ReadonlySet<string>): SearchHit {
  const hit = { id: doc.id, type: doc.type, title: doc.title, url: doc.url, score } as SearchHit;
  if (doc.topicId != null) hit.topicId = doc.topicId;
  if (doc.postId != null) hit.postId = doc.postId;
  if (doc.categoryId != null) hit.categoryId = doc.categoryId;
  let highlight: SearchHit['highlight'] | undefined;
  Object.defineProperty(hit, 'highlight', {
    enumerable: true,
    configurable: true,
    get() {
      if (!highlight) {
        const matched = marks();
        const body = doc.body.length > snippetScanLimit ? doc.body.slice(0, snippetScanLimit) : doc.body;
        highlight = {
          title: highlightAll(doc.title, matchedRanges(doc.title, langs, matched)),
          snippet: snippet(body, matchedRanges(body, langs, matched)),
        };
      }
      return highlight;
    },
    set(value: SearchHit['highlight']) {
      highlight = value;
    },
  });
  return hit;
}

/**
 * In-process search: MiniSearch keeps the inverted index and the term dictionary (with its
 * fuzzy and prefix lookups), this engine analyses text and evaluates queries on that index.
 * Nothing else to run; the index lives in memory and is rebuilt from PostgreSQL by `reindex`.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private readonly docs = new Map<string, StoredDocument>();
  private readonly index = new TermIndex<StoredDocument>(fields);
  private readonly scorer = new Scorer<StoredDocument>();
  private readonly facets = new Facets();
  private readonly fieldBoosts = fields.map((f) => ranking.fieldBoosts[f]);

  async init(): Promise<void> {}

  async upsert(docs: SearchDocument[]): Promise<void> {
    for (const doc of docs) checkDocument(doc);
    for (const doc of docs) {
      const langs = langsOf(doc);
      const stored: StoredDocument = { doc: { ...doc, tags: doc.tags ? [...doc.tags] : undefined }, langs };
      this.facets.set(this.index.add(doc.id, fieldTerms(doc, langs), stored), doc);
      this.docs.set(doc.id, stored);
    }
    await this.index.vacuumIfDirty();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      this.index.discard(id);
      this.docs.delete(id);
    }
    await this.index.vacuumIfDirty();
  }

  async clear(): Promise<void> {
    this.index.clear();
    this.facets.clear();
    this.docs.clear();
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    // Hits are highlighted when first read: only the ones kept are.
    if (query.onePerTopic) return searchOnePerTopic(query, (plain) => this.search(plain));
    const { limit, offset } = paging(query);
    const langs: readonly Lang[] = query.locale ? [query.locale] : allLangs;
    const words = analyzeQuery(typeof query.q === 'string' ? query.q : '', langs);
    if (words.length === 0 || this.docs.size === 0) return { hits: [], total: 0 };

    const lookups = lookupsFor(this.index.dictionary, words, langs);
    const { top, total } = this.scorer.run({
      index: this.index,
      lookups,
      wordCount: words.length,
      fieldBoosts: this.fieldBoosts,
      accept: this.facets.compile(query),
      // The re-ranked window is fixed, so pages of one query never overlap or skip a hit.
      k: Math.max(offset + limit, words.length > allWordsUpTo ? ranking.rerank.window : 0),
      tieBreak: this.facets.tieBreak,
    });
    if (words.length > allWordsUpTo)
      rerankQuestion(top, query.q, coverageOf(this.index, lookups, words.length), offset + limit);
    // Highlights only for the page returned, never for the rest of the re-ranked window.
    const hits = top
      .slice(offset, offset + limit)
      .map((scored) =>
        toHit(scored.value, scored.score, () => termsInDocument(this.index, lookups, scored.internal)),
      );
    return { hits, total };
  }

  async close(): Promise<void> {
    await this.clear();
  }
}

/** Terms to look up for the query words; a term may stand for several words ("installing installed"). */
function lookupsFor(
  dictionary: TermDictionary,
  words: ReturnType<typeof analyzeQuery>,
  langs: readonly Lang[],
): TermLookup[] {
  const byTerm = new Map<string, TermLookup>();
  words.forEach((word, i) => {
    for (const [term, weight] of expandWord(dictionary, word, langs)) {
      const known = byTerm.get(term);
      if (known) {
        known.words |= 1 << i;
        known.weight = Math.max(known.weight, weight);
      } else {
        byTerm.set(term, { term, weight, words: 1 << i });
      }
    }
  });
  return [...byTerm.values()];
}

/**
 * Re-orders the first `ranking.rerank.window` hits of a question by BM25 relative to the best
 * hit, plus the trigram similarity of the question and each title, plus the share of the
 * question each hit holds (see `ranking.rerank`). Scores become that sum; hits past the window
 * keep their relative BM25 score, which is never above the window's, so scores still decrease
 * down the list.
 *
 * Only the first `shown` hits are returned, so the share, the costly part (a postings lookup per
 * hit and word variant), is left out of a hit that could not reach them even holding the whole
 * question: such a hit keeps the rest of its score, which leaves it below them all the same.
 */
function rerankQuestion(
  top: Scored<StoredDocument>[],
  q: string,
  coverage: (internal: number) => number,
  shown: number,
): void {
  if (top.length < 2) return;
  const { window, weight, coverageWeight } = ranking.rerank;
  const best = top[0]!.score || 1;
  const question = trigrams(q);
  const head = top.slice(0, window).map((hit, order) => ({
    hit,
    order,
    score:
      hit.score / best +
      weight *
        (replyTypes.has(hit.value.doc.type) ? replyTitleShare : 1) *
        trigramSimilarity(question, titleTrigrams(hit.value.doc.title)),
  }));
  // A hit scoring below the `shown`-th best before its share, by more than a whole share, stays
  // below it after: every hit's share is between 0 and 1.
  const reach =
    shown > 0 && head.length > shown
      ? nthHighest(
          head.map((entry) => entry.score),
          shown,
        )
      : Number.NEGATIVE_INFINITY;
  for (const entry of head) {
    if (entry.score + coverageWeight < reach) continue;
    entry.score += coverageWeight * coverage(entry.hit.internal);
  }
  head.sort((a, b) => b.score - a.score || a.order - b.order);
  for (let i = 0; i < head.length; i += 1) {
    top[i] = head[i]!.hit;
    top[i]!.score = head[i]!.score;
  }
  for (let i = head.length; i < top.length; i += 1) top[i]!.score /= best;
}

/** The n-th highest of `values` (1-based); `values` is reordered. */
function nthHighest(values: number[], n: number): number {
  values.sort((a, b) => b - a);
  return values[n - 1]!;
}

/** Trigrams of recent titles: a topic's replies share its title, and popular titles recur. */
const titleTrigramCache = new Map<string, Set<string>>();

function titleTrigrams(title: string): Set<string> {
  let set = titleTrigramCache.get(title);
  if (!set) {
    set = trigrams(title);
    if (titleTrigramCache.size >= 20_000) titleTrigramCache.clear();
    titleTrigramCache.set(title, set);
  }
  return set;
}
