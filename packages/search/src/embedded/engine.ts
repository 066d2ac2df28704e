import { allLangs, analyzeQuery, guessLangs, indexTerms, type Lang, tokenize } from '../analysis';
import { highlightAll, type Ranges, snippet } from '../highlight';
import { checkDocument, paging } from '../paging';
import type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResult } from '../types';
import { expandWord } from './expand';
import { Facets } from './facets';
import { Scorer, type TermLookup, termsInDocument } from './scorer';
import { type TermDictionary, TermIndex } from './store';

/**
 * Field weights. A reply carries its topic's title in `parentTitle`, weighted below the body, so
 * the topic itself outranks its replies on a title match and a reply is still found by the
 * title words it doesn't repeat.
 */
const fieldBoosts = { title: 3, tags: 2, body: 1, parentTitle: 0.6 } as const;
type Field = keyof typeof fieldBoosts;
const fields = Object.keys(fieldBoosts) as Field[];

/** Document types whose title is their topic's, not their own. */
const replyTypes = new Set(['post']);

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

/** Equally relevant documents: the more popular, then the newer, first. */
function tieBreak(a: SearchDocument | undefined, b: SearchDocument | undefined): number {
  return (b?.popularity ?? 0) - (a?.popularity ?? 0) || (b?.createdAt ?? 0) - (a?.createdAt ?? 0);
}

/** Character ranges of the words of `text` whose index terms are among `matched`. */
function matchedRanges(text: string, langs: readonly Lang[], matched: ReadonlySet<string>): Ranges {
  const ranges: Ranges = [];
  for (const token of tokenize(text, langs)) {
    if (token.terms.some((term) => matched.has(term))) ranges.push([token.start, token.end]);
  }
  return ranges;
}

function toHit({ doc, langs }: StoredDocument, score: number, matched: ReadonlySet<string>): SearchHit {
  const body = doc.body.length > snippetScanLimit ? doc.body.slice(0, snippetScanLimit) : doc.body;
  const hit: SearchHit = {
    id: doc.id,
    type: doc.type,
    title: doc.title,
    url: doc.url,
    score,
    highlight: {
      title: highlightAll(doc.title, matchedRanges(doc.title, langs, matched)),
      snippet: snippet(body, matchedRanges(body, langs, matched)),
    },
  };
  if (doc.topicId != null) hit.topicId = doc.topicId;
  if (doc.postId != null) hit.postId = doc.postId;
  if (doc.categoryId != null) hit.categoryId = doc.categoryId;
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
  private readonly fieldBoosts = fields.map((f) => fieldBoosts[f]);

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
    const { limit, offset } = paging(query);
    const langs: readonly Lang[] = query.locale ? [query.locale] : allLangs;
    const words = analyzeQuery(typeof query.q === 'string' ? query.q : '', langs);
    if (words.length === 0 || this.docs.size === 0) return { hits: [], total: 0 };

    const lookups = lookupsFor(this.index.dictionary, words);
    const { top, total } = this.scorer.run({
      index: this.index,
      lookups,
      wordCount: words.length,
      fieldBoosts: this.fieldBoosts,
      accept: this.facets.compile(query),
      k: offset + limit,
      tieBreak: (a, b) => tieBreak(a.doc, b.doc),
    });
    const hits = top
      .slice(offset)
      .map((scored) =>
        toHit(scored.value, scored.score, termsInDocument(this.index, lookups, scored.internal)),
      );
    return { hits, total };
  }

  async close(): Promise<void> {
    await this.clear();
  }
}

/** Terms to look up for the query words; a term may stand for several words ("installing installed"). */
function lookupsFor(dictionary: TermDictionary, words: ReturnType<typeof analyzeQuery>): TermLookup[] {
  const byTerm = new Map<string, TermLookup>();
  words.forEach((word, i) => {
    for (const [term, weight] of expandWord(dictionary, word)) {
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
