import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioResult } from './load';
import { resultsDir } from './paths';
import type { PageWeight } from './sizes';

export interface LoadReport {
  kind: 'load';
  timestamp: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    node: string;
    platform: string;
    release: string;
    /** 1, 5 and 15-minute load averages just before the load started: well above 0 means something else was busy. */
    loadAverageBefore: number[];
  };
  scale: {
    label: string;
    posts: number;
    topics: number;
    users: number;
    categories: number;
    likes: number;
    distinctBodies: number;
    corpus: string;
  };
  database: {
    kind: string;
    name: string;
    version: string;
    sizeBytes: number;
    reused: boolean;
    seedMs: number;
  };
  server: {
    readyMs: number;
    searchIndex: { documents: number; ms: number } | null;
    idleRssBytes: number;
    peakRssBytes: number;
  };
  options: { connections: number; durationSeconds: number; warmupSeconds: number };
  scenarios: ScenarioResult[];
  pageWeight: PageWeight | null;
  pageWeightError?: string;
  budgets: BudgetCheck[];
  totalMs: number;
}

export interface BudgetCheck {
  subject: string;
  budget: string;
  value: string;
  pass: boolean;
}

export function machineFacts(): LoadReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    release: os.release(),
    loadAverageBefore: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const throughputBudget = { rps: 1500, p99: 50 };
const searchBudgetP95 = 20;
const jsBudgetKb = 40;
const cssBudgetKb = 12;

/** Which scenarios DESIGN.md budgets, and how. */
export const scenarioBudgets: Record<string, 'throughput' | 'search'> = {
  'topic-list-html': 'throughput',
  'topic-list-json': 'throughput',
  'topic-page-html': 'throughput',
  'topic-page-html-member': 'throughput',
  'topic-page-html-member-own': 'throughput',
  'topic-page-html-member-wrote': 'throughput',
  'topic-json': 'throughput',
  search: 'search',
  'search-member': 'search',
};

export const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function clean(s: ScenarioResult) {
  return s.non2xx === 0 && s.errors === 0;
}

export function checkBudgets(scenarios: ScenarioResult[], weight: PageWeight | null): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const s of scenarios) {
    const kind = scenarioBudgets[s.id];
    if (kind === 'throughput') {
      checks.push({
        subject: s.label,
        budget: `≥ ${throughputBudget.rps.toLocaleString('en')} req/s, p99 ≤ ${throughputBudget.p99} ms, no errors`,
        value: `${s.requestsPerSecond} req/s, p99 ${s.latencyMs.p99} ms`,
        pass:
          s.requestsPerSecond >= throughputBudget.rps && s.latencyMs.p99 <= throughputBudget.p99 && clean(s),
      });
    } else if (kind === 'search') {
      checks.push({
        subject: s.label,
        budget: `p95 ≤ ${searchBudgetP95} ms, no errors`,
        value: `p95 ${s.latencyMs.p95} ms`,
        pass: s.latencyMs.p95 <= searchBudgetP95 && clean(s),
      });
    }
  }
  if (weight) {
    checks.push({
      subject: 'Topic page JS (gzip)',
      budget: `≤ ${jsBudgetKb} KB`,
      value: `${kb(weight.jsGzipBytes)} KB`,
      pass: weight.jsGzipBytes <= jsBudgetKb * 1024,
    });
    checks.push({
      subject: 'Topic page CSS (gzip)',
      budget: `≤ ${cssBudgetKb} KB`,
      value: `${kb(weight.cssGzipBytes)} KB`,
      pass: weight.cssGzipBytes <= cssBudgetKb * 1024,
    });
  }
  return checks;
}

function budgetCell(report: LoadReport, s: ScenarioResult): [string, string] {
  const kind = scenarioBudgets[s.id];
  if (!kind) return ['—', ''];
  const check = report.budgets.find((b) => b.subject === s.label);
  const text = kind === 'throughput' ? `≥ 1,500 req/s, p99 ≤ 50 ms` : `p95 ≤ 20 ms`;
  return [text, check?.pass ? 'pass' : '**FAIL**'];
}

/** Other scales already measured on this machine, to check that p50 holds as the data grows. */
function scalingSection(report: LoadReport): string[] {
  const lines: string[] = [];
  const others: LoadReport[] = [];
  for (const label of ['100k', '1m']) {
    if (label === report.scale.label) continue;
    const file = path.join(resultsDir, `${label}.json`);
    if (!existsSync(file)) continue;
    try {
      others.push(JSON.parse(readFileSync(file, 'utf8')) as LoadReport);
    } catch {}
  }
  if (others.length === 0) return lines;
  const all = [...others, report].sort((a, b) => a.scale.posts - b.scale.posts);
  const small = all[0]!;
  const large = all.at(-1)!;
  lines.push('', `### p50 from ${small.scale.label} to ${large.scale.label} posts (budget: within 1.5×)`, '');
  lines.push(
    `| Scenario | p50 at ${small.scale.label} | p50 at ${large.scale.label} | ratio | Result |`,
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const s of large.scenarios) {
    const before = small.scenarios.find((x) => x.id === s.id);
    if (!before || before.latencyMs.p50 <= 0) continue;
    const ratio = s.latencyMs.p50 / before.latencyMs.p50;
    lines.push(
      `| ${s.label} | ${before.latencyMs.p50} ms | ${s.latencyMs.p50} ms | ${ratio.toFixed(2)}× | ${ratio <= 1.5 ? 'pass' : '**FAIL**'} |`,
    );
  }
  return lines;
}

export function renderMarkdown(report: LoadReport): string {
  const { machine, scale, database, server, options } = report;
  const lines = [
    `## Parvis load benchmark — ${scale.label} posts`,
    '',
    `${report.timestamp} · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · PostgreSQL ${database.version} (${database.kind}) · load average before the run ${machine.loadAverageBefore.join(' / ')}`,
    `${scale.topics.toLocaleString('en')} topics, ${scale.posts.toLocaleString('en')} posts, ${scale.users.toLocaleString('en')} users, ${scale.categories} categories, ${scale.likes.toLocaleString('en')} likes · text: ${scale.corpus}`,
    `${options.connections} connections, ${options.durationSeconds} s per scenario after ${options.warmupSeconds} s of warm-up, autocannon on loopback (same machine)`,
    '',
    '| Scenario | Paths | req/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | CPU cores: server / load gen. / embedded PG / other | Budget | Result |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const s of report.scenarios) {
    const [budget, result] = budgetCell(report, s);
    lines.push(
      `| ${s.label} | ${s.distinctPaths} | ${s.requestsPerSecond.toLocaleString('en')} | ${s.latencyMs.p50} | ${s.latencyMs.p95} | ${s.latencyMs.p99} | ${s.non2xx} | ${s.errors} | ${s.cpuCores ? `${s.cpuCores.server} / ${s.cpuCores.loadGenerator} / ${s.cpuCores.embeddedDatabase} / ${s.cpuCores.others}` : '—'} | ${budget} | ${result} |`,
    );
  }
  lines.push('', '| Figure | Value | Budget | Result |', '| --- | ---: | --- | --- |');
  const weight = report.pageWeight;
  if (weight) {
    const js = report.budgets.find((b) => b.subject.startsWith('Topic page JS'));
    const css = report.budgets.find((b) => b.subject.startsWith('Topic page CSS'));
    const files = (kind: 'js' | 'css') => weight.assets.filter((a) => a.kind === kind).length;
    lines.push(
      `| Topic page JS, gzip -9 (${files('js')} files) | ${kb(weight.jsGzipBytes)} KB | ≤ 40 KB | ${js?.pass ? 'pass' : '**FAIL**'} |`,
    );
    lines.push(
      `| Topic page CSS, gzip -9 (${files('css')} files) | ${kb(weight.cssGzipBytes)} KB | ≤ 12 KB | ${css?.pass ? 'pass' : '**FAIL**'} |`,
    );
    lines.push(`| Topic page HTML, gzip -9 | ${kb(weight.htmlGzipBytes)} KB | — | |`);
  } else {
    lines.push(
      `| Topic page JS / CSS | not measured: ${report.pageWeightError ?? 'unknown error'} | ≤ 40 KB / ≤ 12 KB | **FAIL** |`,
    );
  }
  lines.push(`| Server peak RSS (during load) | ${mb(server.peakRssBytes)} MB | — | |`);
  lines.push(`| Server RSS when ready | ${mb(server.idleRssBytes)} MB | — | |`);
  const index = server.searchIndex
    ? ` (search index: ${server.searchIndex.documents.toLocaleString('en')} documents in ${(server.searchIndex.ms / 1000).toFixed(1)} s)`
    : '';
  lines.push(`| Server start to ready${index} | ${(server.readyMs / 1000).toFixed(1)} s | — | |`);
  lines.push(
    `| Seeding | ${(database.seedMs / 1000).toFixed(1)} s${database.reused ? ' (earlier run; database reused)' : ''} | — | |`,
  );
  lines.push(`| Database size | ${mb(database.sizeBytes)} MB | — | |`);
  lines.push(...scalingSection(report));
  const failed = report.budgets.filter((b) => !b.pass).length;
  lines.push(
    '',
    failed === 0 ? 'All budgets met.' : `${failed} of ${report.budgets.length} budgets missed.`,
    '',
  );
  return lines.join('\n');
}

export function writeReport(
  report: LoadReport,
  complete: boolean,
): { json: string; markdown: string; text: string } {
  mkdirSync(resultsDir, { recursive: true });
  const text = renderMarkdown(report);
  const json = path.join(resultsDir, 'latest.json');
  const markdown = path.join(resultsDir, 'latest.md');
  const body = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(json, body);
  // Partial runs (--only) would make a poor reference for the 100k → 1M comparison.
  if (complete) writeFileSync(path.join(resultsDir, `${report.scale.label}.json`), body);
  writeFileSync(markdown, text);
  return { json, markdown, text };
}
