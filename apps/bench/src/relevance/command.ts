import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connect, dropDatabase, migrateDatabase, users } from '@parvis/db';
import {
  EmbeddedSearchEngine,
  MeilisearchSearchEngine,
  type SearchDocument,
  type SearchEngine,
} from '@parvis/search';
import { openServer, recreateDatabase } from '../database';
import { Cleanup } from '../lifecycle';
import { resultsDir, sharedDataDir } from '../paths';
import { type BaselineId, baselineIds, prepareBaselines, searchBaseline } from './baselines';
import { type Dataset, type DatasetId, datasetIds, loadDatasets } from './data';
import { faqPath } from './faq-path';
import { type Figures, figures, injectTypo, mrrCutoff, rankOf } from './measures';

export type EngineId = 'embedded' | 'meilisearch' | BaselineId;
export const engineIds: readonly EngineId[] = ['embedded', 'meilisearch', ...baselineIds];

export interface RelevanceRow extends Figures {
  dataset: DatasetId;
  split: 'train' | 'validation' | 'all';
  engine: EngineId;
  typo: boolean;
}

interface Options {
  datasets: DatasetId[];
  engines: EngineId[];
  split: 'train' | 'validation';
}

const usage = `Usage: pnpm bench relevance [options]

  --datasets <a,b>   quebec-en, quebec-fr, stackfaq (default: all)
  --engines <a,b>    embedded, meilisearch, pg-fts-and, pg-fts-or, pg-trgm (default: all)
  --split <s>        validation (default, the reported figures) or train (for tuning)

Writes results/relevance.json and results/relevance.md after a default run.`;

function parseOptions(argv: string[]): Options {
  const options: Options = { datasets: [...datasetIds], engines: [...engineIds], split: 'validation' };
  const list = <T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] => {
    const items = (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((item) => !allowed.includes(item as T));
    if (items.length === 0 || bad.length > 0)
      throw new Error(`${flag}: expected some of ${allowed.join(', ')}`);
    return items as T[];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--') continue;
    if (flag === '--datasets') options.datasets = list(value(), datasetIds, flag);
    else if (flag === '--engines') options.engines = list(value(), engineIds, flag);
    else if (flag === '--split') options.split = list(value(), ['train', 'validation'] as const, flag)[0]!;
    else throw new Error(`unknown option ${arg}\n\n${usage}`);
  }
  return options;
}

const start = Date.now();
function log(message: string) {
  console.log(`[relevance ${((Date.now() - start) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

/** Search labelled FAQ sets through the FAQ's own import and search; see apps/bench/README.md. */
export async function relevanceCommand(argv: string[]): Promise<number> {
  let options: Options;
  try {
    if (argv.includes('--help')) {
      console.log(usage);
      return 0;
    }
    options = parseOptions(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  if (!existsSync(path.join(sharedDataDir, 'README.md'))) {
    console.log(`pnpm bench relevance: ${sharedDataDir} not found, nothing measured and nothing written.`);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanup.onSignals(() => {});
  try {
    return await run(options, cleanup);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  } finally {
    await cleanup.run();
  }
}

/** One way of answering a query: search document ids, best first. */
type Searcher = (q: string) => Promise<string[]>;

async function run(options: Options, cleanup: Cleanup): Promise<number> {
  const datasets = loadDatasets(sharedDataDir, options.datasets);
  const meiliUrl = process.env.MEILI_URL;
  const engines = options.engines.filter((e) => e !== 'meilisearch' || meiliUrl);
  const notes: string[] = [`FAQ import and search: ${faqPath.describe}.`];
  if (options.engines.includes('meilisearch') && !meiliUrl) {
    notes.push('meilisearch: skipped, MEILI_URL is not set.');
    log('meilisearch: skipped, MEILI_URL is not set');
  }
  const pg = await openServer(process.env.DATABASE_URL);
  cleanup.add('PostgreSQL', pg.stop);
  log(`PostgreSQL: ${pg.kind}`);

  const rows: RelevanceRow[] = [];
  const timings: string[] = [];
  for (const dataset of datasets) {
    const database = `parvis_relevance_${dataset.id.replace(/-/g, '_')}`;
    await recreateDatabase(pg.adminUrl, database);
    const connection = connect(pg.urlFor(database), { max: 2 });
    try {
      const queries = dataset.queries.filter((q) => q.split === options.split);
      log(`${dataset.id}: ${dataset.items.length} articles, ${queries.length} ${options.split} queries`);
      const { docs, expectedOf } = await importDataset(connection.db, dataset);
      const searchers = await searchersFor(engines, dataset, docs, connection.sql, cleanup);
      for (const [engine, search] of searchers) {
        for (const typo of [false, true]) {
          const began = performance.now();
          const ranks: number[] = [];
          for (const query of queries) {
            const ids = await search(typo ? injectTypo(query.text) : query.text);
            const found = ids.map((id) => expectedOf.get(id) ?? id);
            ranks.push(rankOf(found, query.expected));
          }
          const ms = (performance.now() - began) / Math.max(1, queries.length);
          timings.push(`${dataset.id} ${engine}${typo ? ' typo' : ''}: ${ms.toFixed(2)} ms/query`);
          const row: RelevanceRow = {
            dataset: dataset.id,
            split: options.split,
            engine,
            typo,
            ...figures(ranks),
          };
          rows.push(row);
          log(
            `${dataset.id} ${engine}${typo ? ' (typo)' : ''}: R@1 ${row.recall_at_1} R@3 ${row.recall_at_3} MRR ${row.mrr}`,
          );
        }
      }
    } finally {
      await connection.close();
      await dropDatabase(pg.adminUrl, database);
    }
  }
  const changed = datasets.flatMap((d) => d.queries.filter((q) => q.split === options.split));
  notes.push(
    `Typo: ${changed.filter((q) => injectTypo(q.text) !== q.text).length} of ${changed.length} queries changed (a query whose longest word has under 4 letters stays as typed).`,
    ...datasets.map((d) => `${d.id} split: ${d.splitRule}.`),
    `recall@k: share of queries whose article is among the first k hits; MRR: mean of 1/rank, 0 below rank ${mrrCutoff}.`,
  );
  const markdown = renderTable(rows, notes);
  console.log(`\n${markdown}`);
  console.log(
    `Mean time per query (noisy; the machine is shared):\n${timings.map((t) => `  ${t}`).join('\n')}`,
  );
  const complete =
    options.split === 'validation' &&
    options.datasets.length === datasetIds.length &&
    options.engines.length === engineIds.length;
  if (complete) {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'relevance.json'), `${JSON.stringify(rows, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, 'relevance.md'), markdown);
    log(`wrote ${path.relative(process.cwd(), path.join(resultsDir, 'relevance.json'))} and relevance.md`);
  } else {
    log('partial run (options given): results/ left as it was');
  }
  return 0;
}

/** Imports the articles through the FAQ, then reads them back as the search index sees them. */
async function importDataset(db: ReturnType<typeof connect>['db'], dataset: Dataset) {
  await migrateDatabase(db);
  await faqPath.migrate(db);
  const [author] = await db
    .insert(users)
    .values({
      username: 'relevance',
      email: 'relevance@bench.parvis.example',
      displayName: 'Relevance bench',
      passwordHash: '!bench',
      role: 'admin',
    })
    .returning({ id: users.id });
  const began = performance.now();
  const { ids } = await faqPath.importItems(db, dataset.items, author!.id);
  log(`${dataset.id}: imported in ${Math.round(performance.now() - began)} ms`);
  const externalOf = new Map(ids.map((id, i) => [id, dataset.items[i]!.externalId]));
  const docs: SearchDocument[] = [];
  for await (const batch of faqPath.documents(db)) docs.push(...batch);
  const expectedOf = new Map<string, string>();
  for (const doc of docs) {
    const article = faqPath.articleOf(doc.id);
    const external = article === undefined ? undefined : externalOf.get(article);
    if (external) expectedOf.set(doc.id, external);
  }
  if (expectedOf.size !== dataset.items.length)
    throw new Error(
      `${dataset.id}: ${expectedOf.size} search documents for ${dataset.items.length} articles`,
    );
  return { docs, expectedOf };
}

async function searchersFor(
  engines: readonly EngineId[],
  dataset: Dataset,
  docs: SearchDocument[],
  sql: ReturnType<typeof connect>['sql'],
  cleanup: Cleanup,
): Promise<Array<[EngineId, Searcher]>> {
  const out: Array<[EngineId, Searcher]> = [];
  const viaFaq = async (engine: SearchEngine): Promise<Searcher> => {
    await engine.init();
    await engine.clear();
    const began = performance.now();
    await engine.upsert(docs);
    log(`${dataset.id} ${engine.name}: indexed in ${Math.round(performance.now() - began)} ms`);
    return (q) => faqPath.search(engine, q, dataset.locale, mrrCutoff);
  };
  if (engines.includes('embedded')) out.push(['embedded', await viaFaq(new EmbeddedSearchEngine())]);
  const meiliUrl = process.env.MEILI_URL;
  if (engines.includes('meilisearch') && meiliUrl) {
    const meili = new MeilisearchSearchEngine({
      host: meiliUrl,
      apiKey: process.env.MEILI_KEY,
      indexName: `parvis_relevance_${dataset.id.replace(/-/g, '_')}`,
    });
    cleanup.add('Meilisearch index', () => meili.clear());
    out.push(['meilisearch', await viaFaq(meili)]);
  }
  const baselines = baselineIds.filter((id) => engines.includes(id));
  if (baselines.length > 0) {
    await prepareBaselines(sql, docs, dataset.locale);
    for (const id of baselines) out.push([id, (q) => searchBaseline(sql, id, q, dataset.locale, mrrCutoff)]);
  }
  return out;
}

const percent = (x: number) => (x * 100).toFixed(1);

export function renderTable(rows: readonly RelevanceRow[], notes: readonly string[]): string {
  const lines = [
    '## Parvis search relevance on labelled FAQ sets',
    '',
    '| dataset | split | engine | typo | n | recall@1 | recall@3 | MRR |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.dataset} | ${r.split} | ${r.engine} | ${r.typo ? 'yes' : 'no'} | ${r.n} | ${percent(r.recall_at_1)} | ${percent(r.recall_at_3)} | ${r.mrr.toFixed(3)} |`,
    ),
    '',
  ];
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  for (const dataset of datasets) {
    const of = (engine: EngineId, typo: boolean) =>
      rows.find((r) => r.dataset === dataset && r.engine === engine && r.typo === typo);
    const embedded = of('embedded', false);
    const embeddedTypo = of('embedded', true);
    const best = rows
      .filter(
        (r) => r.dataset === dataset && !r.typo && r.engine !== 'embedded' && r.engine !== 'meilisearch',
      )
      .sort((a, b) => b.recall_at_3 - a.recall_at_3)[0];
    if (!embedded) continue;
    const parts = [`- ${dataset}: embedded recall@3 ${percent(embedded.recall_at_3)}`];
    if (best)
      parts.push(
        `${(100 * (embedded.recall_at_3 - best.recall_at_3)).toFixed(1)} points over the best baseline (${best.engine}, ${percent(best.recall_at_3)})`,
      );
    if (embeddedTypo && embedded.recall_at_3 > 0)
      parts.push(
        `loses ${(100 * (1 - embeddedTypo.recall_at_3 / embedded.recall_at_3)).toFixed(1)} % of it to typos`,
      );
    lines.push(parts.join('; '));
  }
  lines.push('', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}
