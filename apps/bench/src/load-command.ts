import { connect } from '@parvis/db';
import { type LoadOptions, parseLoadOptions, usage } from './args';
import { poolSizes } from './bodies';
import { loadCorpus, searchQueries } from './corpus';
import {
  migrationsFingerprint,
  openServer,
  readMarker,
  recreateDatabase,
  type SeedMarker,
  seedVersion,
  writeMarker,
} from './database';
import { Cleanup } from './lifecycle';
import { measure, type Scenario, type ScenarioResult, stopLoad } from './load';
import { checkBudgets, kb, type LoadReport, machineFacts, writeReport } from './report';
import { CpuMeter, RssSampler } from './rss';
import { seedCommunity } from './seed';
import { ensureWebBuilt, memberCookie, memberUsername, startServer, waitUntilIdle } from './server';
import { measurePageWeight, type PageWeight } from './sizes';

const benchStart = Date.now();
function log(message: string) {
  const seconds = ((Date.now() - benchStart) / 1000).toFixed(1).padStart(6);
  console.log(`[bench ${seconds}s] ${message}`);
}

export async function loadCommand(argv: string[]): Promise<number> {
  let options: LoadOptions;
  try {
    options = parseLoadOptions(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  }
  if (argv.includes('--help')) {
    console.log(usage);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanup.onSignals(stopLoad);
  try {
    return await runLoad(options, cleanup);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  } finally {
    await cleanup.run();
  }
}

async function runLoad(options: LoadOptions, cleanup: Cleanup): Promise<number> {
  await ensureWebBuilt(log);
  const corpus = loadCorpus();
  log(`text source: ${corpus.source}`);

  const pg = await openServer(process.env.DATABASE_URL);
  cleanup.add('PostgreSQL', pg.stop);
  const database = `parvis_bench_${options.scaleLabel}`;
  const url = pg.urlFor(database);
  log(`PostgreSQL: ${pg.kind}, database ${database}`);

  const wanted = {
    version: seedVersion,
    posts: options.posts,
    migrations: migrationsFingerprint(),
    corpus: corpus.source,
  };
  const existing = await readMarker(pg.adminUrl, database);
  const reusable =
    !options.reseed &&
    existing !== null &&
    existing.version === wanted.version &&
    existing.posts === wanted.posts &&
    existing.migrations === wanted.migrations &&
    existing.corpus === wanted.corpus;
  let seedMs: number;
  if (reusable) {
    seedMs = existing.seedMs;
    log(
      `reusing the seeded database (seeded in ${(seedMs / 1000).toFixed(1)} s by an earlier run; --reseed to redo)`,
    );
  } else {
    log(`seeding ${options.posts.toLocaleString('en')} posts…`);
    await recreateDatabase(pg.adminUrl, database);
    const started = Date.now();
    const summary = await seedCommunity(url, { posts: options.posts, corpus, log: (m) => log(`  ${m}`) });
    seedMs = Date.now() - started;
    const marker: SeedMarker = { ...wanted, seedMs };
    await writeMarker(url, database, marker);
    log(
      `seeded ${summary.topics.toLocaleString('en')} topics, ${summary.posts.toLocaleString('en')} posts, ${summary.likes.toLocaleString('en')} likes in ${(seedMs / 1000).toFixed(1)} s`,
    );
  }

  // Facts about the data, and the pages to request, read before the server competes for the CPU.
  const bench = connect(url, { max: 1 });
  let facts: {
    topics: number;
    posts: number;
    users: number;
    categories: number;
    likes: number;
    version: string;
    size: number;
  };
  let picked: { id: number; slug: string }[];
  let liked: { id: number; slug: string }[];
  let wrote: { id: number; slug: string }[];
  try {
    const [row] = await bench.sql<
      {
        topics: number;
        posts: number;
        users: number;
        categories: number;
        likes: number;
        version: string;
        size: string;
      }[]
    >`select (select count(*)::int from topics) as topics, (select count(*)::int from posts) as posts,
             (select count(*)::int from users) as users, (select count(*)::int from categories) as categories,
             (select count(*)::int from post_likes) as likes, current_setting('server_version') as version,
             pg_database_size(current_database())::text as size`;
    facts = { ...row!, size: Number(row!.size) };
    // Mid-size threads (10–20 posts: a full first page), spread over the whole id range.
    picked = await bench.sql<{ id: number; slug: string }[]>`
      select id::int as id, slug from topics
      where deleted_at is null and reply_count between 9 and 19
      order by hashint4(id::int) limit 600`;
  } finally {
    await bench.close();
  }
  if (picked.length === 0) throw new Error('no mid-size topics found in the bench database');
  // A third of the threads are read as strangers to them, a third as a member who liked a post
  // there, a third as a member who wrote one of the replies.
  [picked, liked, wrote] = [picked.slice(0, 200), picked.slice(200, 400), picked.slice(400)];

  log('starting the server (apps/api, NODE_ENV=production)…');
  const server = await startServer(url, { timeoutMs: 20 * 60_000 });
  cleanup.add('server', server.stop);
  const index = server.searchIndex
    ? `, search index ${server.searchIndex.documents} docs in ${server.searchIndex.ms} ms`
    : '';
  log(
    `server ready at ${server.url} after ${(server.readyMs / 1000).toFixed(1)} s${index} (log: ${server.logFile})`,
  );
  const machine = machineFacts();
  const rss = new RssSampler(server.pid);
  rss.start();
  const idleRss = rss.sample() ?? 0;

  const topicPages = picked.map((t) => `/t/${t.slug}/${t.id}`);
  let cookie: string | null = null;
  try {
    cookie = await memberCookie(server.url);
    await likeFirstPosts(url, liked);
    await writeSecondPosts(url, wrote);
  } catch (error) {
    log(
      `warning: could not sign a member in, skipping the signed-in scenario: ${error instanceof Error ? error.message : error}`,
    );
  }
  const queries = searchQueries(corpus);
  // More distinct queries than a run sends, so none is asked twice.
  const uncachedQueries = 20_000;
  const scenarios: Scenario[] = [
    { id: 'topic-list-html', label: 'Topic list page (HTML) `/`', paths: ['/'] },
    { id: 'topic-list-json', label: 'Topic list API `/api/v1/topics`', paths: ['/api/v1/topics'] },
    { id: 'topic-page-html', label: 'Topic page (HTML) `/t/<slug>/<id>`', paths: topicPages },
    ...(cookie
      ? [
          {
            id: 'topic-page-html-member',
            label: 'Topic page (HTML), signed-in member',
            paths: topicPages,
            headers: { cookie },
          },
          {
            id: 'topic-page-html-member-own',
            label: 'Topic page (HTML), signed-in member who liked a post on it',
            paths: liked.map((t) => `/t/${t.slug}/${t.id}`),
            headers: { cookie },
          },
          {
            id: 'topic-page-html-member-wrote',
            label: 'Topic page (HTML), signed-in member who wrote a post on it',
            paths: wrote.map((t) => `/t/${t.slug}/${t.id}`),
            headers: { cookie },
          },
        ]
      : []),
    {
      id: 'topic-json',
      label: 'Topic API `/api/v1/topics/<id>`',
      paths: picked.map((t) => `/api/v1/topics/${t.id}`),
    },
    {
      id: 'search',
      label: 'Search API `/api/v1/search?q=…`',
      paths: queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
    },
    // Repeated searches are answered from the server's shared cache, for guests and for each role
    // of member alike. Each query of the uncached scenario is new to the server, so every
    // request runs the search itself.
    ...(cookie
      ? [
          {
            id: 'search-member',
            label: 'Search API, signed-in member',
            paths: queries.map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
            headers: { cookie },
          },
          {
            id: 'search-uncached',
            label: 'Search API, signed-in member, every query new (no cache)',
            paths: searchQueries(corpus, uncachedQueries).map(
              (q) => `/api/v1/search?q=${encodeURIComponent(q)}`,
            ),
            headers: { cookie },
          },
        ]
      : []),
  ].filter((s) => options.only === null || options.only.includes(s.id));

  for (const scenario of scenarios) {
    const first = scenario.paths[0]!;
    const response = await fetch(`${server.url}${first}`, { headers: scenario.headers ?? {} });
    const body = await response.text();
    if (scenario.headers?.cookie && scenario.id.includes('html') && !body.includes('bench_member')) {
      log(`warning: ${scenario.id} does not look signed in (no member name on the page)`);
    }
    if (!response.ok)
      log(`warning: GET ${first} answered ${response.status}; the figures below count it as non-2xx`);
  }

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    log(
      `${scenario.id}: ${options.warmup} s warm-up + ${options.duration} s, ${options.connections} connections, ${scenario.paths.length} paths`,
    );
    const settle = async (when: string) => {
      const waited = await waitUntilIdle(server.url);
      if (waited > 1000)
        log(`  waited ${(waited / 1000).toFixed(1)} s ${when} for the server to finish queued requests`);
    };
    await settle('before the warm-up');
    const cpu = new CpuMeter(server.pid);
    const result = await measure(server.url, scenario, {
      ...options,
      beforeMeasured: async () => {
        await settle('after the warm-up');
        rss.takePhasePeak();
        cpu.begin();
      },
    });
    result.cpuCores = cpu.end();
    result.peakRssBytes = rss.takePhasePeak();
    results.push(result);
    log(
      `  ${result.requestsPerSecond} req/s · p50 ${result.latencyMs.p50} ms · p95 ${result.latencyMs.p95} ms · p99 ${result.latencyMs.p99} ms · non-2xx ${result.non2xx} · errors ${result.errors} · CPU cores: server ${result.cpuCores.server}, autocannon ${result.cpuCores.loadGenerator}, embedded PostgreSQL ${result.cpuCores.embeddedDatabase}, other processes ${result.cpuCores.others}`,
    );
  }

  let pageWeight: PageWeight | null = null;
  let pageWeightError: string | undefined;
  try {
    pageWeight = await measurePageWeight(`${server.url}${topicPages[0]}`);
    log(
      `topic page loads ${kb(pageWeight.jsGzipBytes)} KB of JS and ${kb(pageWeight.cssGzipBytes)} KB of CSS (gzip -9)`,
    );
  } catch (error) {
    pageWeightError = error instanceof Error ? error.message : String(error);
    log(`page weight not measured: ${pageWeightError}`);
  }
  rss.sample();
  rss.stop();
  await server.stop();

  const report: LoadReport = {
    kind: 'load',
    timestamp: new Date().toISOString(),
    machine,
    scale: {
      label: options.scaleLabel,
      posts: facts.posts,
      topics: facts.topics,
      users: facts.users,
      categories: facts.categories,
      likes: facts.likes,
      distinctBodies: poolSizes.openers + poolSizes.replies,
      corpus: corpus.source,
    },
    database: {
      kind: pg.kind,
      name: database,
      version: facts.version,
      sizeBytes: facts.size,
      reused: reusable,
      seedMs,
    },
    server: {
      readyMs: server.readyMs,
      searchIndex: server.searchIndex,
      idleRssBytes: idleRss,
      peakRssBytes: rss.peak,
    },
    options: {
      connections: options.connections,
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
    },
    scenarios: results,
    pageWeight,
    ...(pageWeightError ? { pageWeightError } : {}),
    budgets: checkBudgets(results, pageWeight),
    totalMs: Date.now() - benchStart,
  };
  const written = writeReport(report, options.only === null);
  console.log(`\n${written.text}`);
  log(`wrote ${written.json} and ${written.markdown}`);
  return 0;
}

/**
 * The bench member likes the opening post of each of `topics`, straight in the database (their
 * pages are not cached yet): such a page is the shared one plus the member's likes, which is
 * what the `-own` scenario measures.
 */
async function likeFirstPosts(url: string, topics: { id: number }[]): Promise<void> {
  const connection = connect(url, { max: 1 });
  try {
    await connection.sql`
      insert into post_likes (post_id, user_id)
      select p.id, u.id from posts p, users u
      where u.username = ${memberUsername} and p.number = 1 and p.topic_id = any(${topics.map((t) => t.id)}::int[])
      on conflict do nothing`;
  } finally {
    await connection.close();
  }
}

/**
 * The bench member becomes the author of the first reply of each of `topics`, straight in the
 * database (nothing else about the threads changes): such a page is loaded as the member to
 * find what is theirs (edit buttons), which is what the `-wrote` scenario measures.
 */
async function writeSecondPosts(url: string, topics: { id: number }[]): Promise<void> {
  const connection = connect(url, { max: 1 });
  try {
    await connection.sql`
      update posts set author_id = u.id from users u
      where u.username = ${memberUsername} and posts.number = 2 and posts.topic_id = any(${topics.map((t) => t.id)}::int[])`;
  } finally {
    await connection.close();
  }
}
