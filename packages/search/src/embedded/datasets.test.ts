import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../types';
import { EmbeddedSearchEngine } from './engine';

// Checks on the public data sets in ../shared/data beside the checkout (see DESIGN.md). A clone
// without that folder skips them and says so.
const dataDir = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const hasData = existsSync(`${dataDir}README.md`);
// Why this is skipped: the public data sets (../shared/data) are absent beside this clone; the title says so.
const suite = hasData ? describe : describe.skip;
const title = hasData
  ? 'embedded engine on shared data sets'
  : 'embedded engine on shared data sets — skipped: ../shared/data not found';

function jsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Share of queries whose expected document is among the first `k` hits. */
async function recallAt(engine: EmbeddedSearchEngine, queries: Array<{ q: string; id: string }>, k: number) {
  let found = 0;
  for (const { q, id } of queries) {
    const { hits } = await engine.search({ q, limit: k });
    if (hits.some((h) => h.id === id)) found += 1;
  }
  return found / queries.length;
}

const doc = (id: string, title: string, body: string, locale: 'en' | 'fr'): SearchDocument => ({
  id,
  type: 'faq',
  title,
  body,
  url: `/faq/${id}`,
  createdAt: 0,
  locale,
});

function withoutMarks(html: string): string {
  return html.replace(/<\/?mark>/g, '');
}

suite(title, () => {
  // Measured at 0.84; the floor catches a regression in French analysis or ranking.
  it('finds the right French FAQ entry in the top 5 for most paraphrased questions', async () => {
    const dir = `${dataDir}faq-quebec-covid-fr/`;
    const faq = jsonLines<{ faq_id: string; answer: string }>(`${dir}faq.jsonl`);
    const queries = jsonLines<{ query: string; faq_id: string; position: number }>(`${dir}queries.jsonl`);
    const official = new Map(queries.filter((q) => q.position === 0).map((q) => [q.faq_id, q.query]));
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(faq.map((f) => doc(f.faq_id, official.get(f.faq_id) ?? '', f.answer, 'fr')));
    const paraphrases = queries.filter((q) => q.position > 0).map((q) => ({ q: q.query, id: q.faq_id }));
    expect(await recallAt(engine, paraphrases, 5)).toBeGreaterThanOrEqual(0.8);
  }, 30_000);

  // Measured at 0.92 on the validation split. Figures per split and engine: `pnpm bench relevance`.
  it('finds the right English FAQ entry in the top 5 for most paraphrased questions', async () => {
    const data = JSON.parse(
      readFileSync(`${dataDir}faq-quebec-covid-en/validation_ONLY_QUEBEC_FAQ.json`, 'utf8'),
    ) as {
      examples: Array<{ question: string; passage_id: number }>;
      passages: Array<{
        passage_id: number;
        reference_type: string;
        reference: { section_headers: string[]; section_content: string };
      }>;
    };
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(
      data.passages
        .filter((p) => p.reference_type === 'faq')
        .map((p) =>
          doc(
            String(p.passage_id),
            p.reference.section_headers.at(-1) ?? '',
            p.reference.section_content,
            'en',
          ),
        ),
    );
    const questions = data.examples.map((e) => ({ q: e.question, id: String(e.passage_id) }));
    expect(await recallAt(engine, questions, 5)).toBeGreaterThanOrEqual(0.88);
  }, 30_000);

  it('indexes and searches naughty strings and XSS payloads without throwing or leaking markup', async () => {
    const naughty = JSON.parse(readFileSync(`${dataDir}blns/blns.json`, 'utf8')) as string[];
    const xss = readFileSync(`${dataDir}xss-payloads/xss-payload-list.txt`, 'utf8')
      .split('\n')
      .filter(Boolean);
    const strings = [...naughty, ...xss];
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(strings.map((s, i) => doc(`s${i}`, s.slice(0, 200), `${s} alert password`, 'en')));
    expect(await engine.count()).toBe(strings.length);
    for (const q of [...naughty, ...xss.filter((_, i) => i % 50 === 0), 'alert', 'script', 'onerror']) {
      const { hits, total } = await engine.search({ q, limit: 20 });
      expect(total).toBeGreaterThanOrEqual(hits.length);
      for (const hit of hits) {
        expect(withoutMarks(hit.highlight.title)).not.toMatch(/[<>]/);
        expect(withoutMarks(hit.highlight.snippet)).not.toMatch(/[<>]/);
      }
    }
  }, 60_000);
});
