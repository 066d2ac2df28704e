import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hashSplit, type Split } from './measures';

export type DatasetId = 'quebec-en' | 'quebec-fr' | 'stackfaq';
export const datasetIds: readonly DatasetId[] = ['quebec-en', 'quebec-fr', 'stackfaq'];

/** One FAQ article as the FAQ import takes it. */
export interface FaqItem {
  /** Stable id from the data set, kept by the import as `externalId`. */
  externalId: string;
  question: string;
  /** Markdown. */
  answer: string;
  locale: 'en' | 'fr';
}

export interface LabelledQuery {
  id: string;
  text: string;
  /** `externalId` of the article that answers it. */
  expected: string;
  split: Exclude<Split, 'all'>;
}

export interface Dataset {
  id: DatasetId;
  locale: 'en' | 'fr';
  /** How the split was obtained, for the report. */
  splitRule: string;
  items: FaqItem[];
  queries: LabelledQuery[];
}

function jsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

interface QuebecEnFile {
  examples: Array<{ id: number; question: string; passage_id: number }>;
  passages: Array<{
    passage_id: number;
    reference_type: string;
    reference: { page_title: string; section_headers: string[]; section_content: string };
  }>;
}

function quebecEn(dir: string): Dataset {
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as QuebecEnFile;
  const train = read('train_ONLY_QUEBEC_FAQ.json');
  const validation = read('validation_ONLY_QUEBEC_FAQ.json');
  const items: FaqItem[] = validation.passages
    .filter((p) => p.reference_type === 'faq')
    .map((p) => ({
      externalId: `quebec-en:${p.passage_id}`,
      question: p.reference.section_headers.at(-1) ?? '',
      answer: p.reference.section_content,
      locale: 'en',
    }));
  const known = new Set(items.map((item) => item.externalId));
  const queries: LabelledQuery[] = [];
  for (const [split, file] of [
    ['train', train],
    ['validation', validation],
  ] as const) {
    for (const example of file.examples) {
      const expected = `quebec-en:${example.passage_id}`;
      if (known.has(expected))
        queries.push({ id: `${split}:${example.id}`, text: example.question, expected, split });
    }
  }
  return {
    id: 'quebec-en',
    locale: 'en',
    splitRule: 'the set’s own train and validation files',
    items,
    queries,
  };
}

const hashRule = 'FNV-1a of the query text modulo 10 below 3 → validation (≈30%), else train';

function quebecFr(dir: string): Dataset {
  const faq = jsonLines<{ faq_id: string; answer: string }>(path.join(dir, 'faq.jsonl'));
  const phrasings = jsonLines<{ query: string; faq_id: string; position: number }>(
    path.join(dir, 'queries.jsonl'),
  );
  // The first phrasing is the official question: it is the article's question, not a query.
  const official = new Map(phrasings.filter((q) => q.position === 0).map((q) => [q.faq_id, q.query]));
  const items: FaqItem[] = faq.map((f) => ({
    externalId: `quebec-fr:${f.faq_id}`,
    question: official.get(f.faq_id) ?? '',
    answer: f.answer,
    locale: 'fr',
  }));
  const queries = phrasings
    .filter((q) => q.position > 0)
    .map((q, i) => ({
      id: String(i),
      text: q.query,
      expected: `quebec-fr:${q.faq_id}`,
      split: hashSplit(q.query),
    }));
  return { id: 'quebec-fr', locale: 'fr', splitRule: hashRule, items, queries };
}

function stackFaq(dir: string): Dataset {
  const threads = jsonLines<{ thread_id: number; question: string; answers: string[] }>(
    path.join(dir, 'faq.jsonl'),
  );
  const items: FaqItem[] = threads.map((t) => ({
    externalId: `stackfaq:${t.thread_id}`,
    question: t.question,
    // One article per thread: its answers one after the other.
    answer: t.answers.join('\n\n'),
    locale: 'en',
  }));
  const queries = jsonLines<{ query: string; thread_id: number }>(path.join(dir, 'queries.jsonl')).map(
    (q, i) => ({
      id: String(i),
      text: q.query,
      expected: `stackfaq:${q.thread_id}`,
      split: hashSplit(q.query),
    }),
  );
  return { id: 'stackfaq', locale: 'en', splitRule: hashRule, items, queries };
}

const folders: Record<DatasetId, [string, (dir: string) => Dataset]> = {
  'quebec-en': ['faq-quebec-covid-en', quebecEn],
  'quebec-fr': ['faq-quebec-covid-fr', quebecFr],
  stackfaq: ['faq-stackfaq', stackFaq],
};

/** The labelled FAQ sets found under `dataDir`; missing folders are left out. */
export function loadDatasets(dataDir: string, wanted: readonly DatasetId[] = datasetIds): Dataset[] {
  const out: Dataset[] = [];
  for (const id of wanted) {
    const [folder, load] = folders[id];
    const dir = path.join(dataDir, folder);
    if (existsSync(dir)) out.push(load(dir));
  }
  return out;
}
