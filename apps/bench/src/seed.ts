import { connect, migrateDatabase } from '@parvis/db';
import { slugify } from '@parvis/domain';
import type postgres from 'postgres';
import { bodyPools } from './bodies';
import type { Corpus } from './corpus';
import { Random } from './random';

export interface SeedSummary {
  users: number;
  categories: number;
  topics: number;
  posts: number;
  likes: number;
  distinctBodies: number;
}

const firstNames =
  'Léa Hugo Amélie Camille Lucas Chloé Louis Manon Jules Inès Gabriel Zoé Arthur Éloïse Nathan Sarah Mathis Juliette Théo Margaux Priya Tom Sam Olivia James Emma Noah Ava Liam Mia Ethan Grace Ravi Aisha Kenji Sofia Mateo Fatou Yasmine Karim Anaïs Benoît Céline Denis Élodie François Hélène Jérôme'.split(
    ' ',
  );
const lastNames =
  'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel Garcia Roy Tremblay Gagnon Côté Bouchard Smith Jones Taylor Brown Williams Wilson Okafor Shah Becker Nguyen Kowalski Rossi Silva'.split(
    ' ',
  );

const categoryDefinitions = [
  {
    slug: 'annonces',
    name: 'Annonces',
    description: 'Nouveautés et informations de l’équipe. / News from the team.',
    weight: 2,
  },
  {
    slug: 'entraide',
    name: 'Entraide',
    description: 'Posez vos questions, la communauté vous répond.',
    weight: 30,
  },
  { slug: 'help', name: 'Help & How-to', description: 'Questions and answers in English.', weight: 25 },
  {
    slug: 'idees',
    name: 'Idées',
    description: 'Proposez et discutez des améliorations. / Ideas for the product.',
    weight: 14,
  },
  {
    slug: 'bugs',
    name: 'Bugs',
    description: 'Signalez un problème, avec les étapes pour le reproduire.',
    weight: 10,
  },
  {
    slug: 'integrations',
    name: 'Intégrations & API',
    description: 'Connecteurs, webhooks and the public API.',
    weight: 8,
  },
  {
    slug: 'tutoriels',
    name: 'Tutoriels',
    description: 'Guides written by members. / Guides de la communauté.',
    weight: 5,
  },
  {
    slug: 'cafe',
    name: 'Café',
    description: 'Discussions libres et présentations. / Off-topic and introductions.',
    weight: 6,
  },
];

/** Posts per topic: mostly short threads, a long tail of busy ones, summing exactly to `posts`. */
export function postCounts(posts: number, topics: number, rng: Random): number[] {
  const mean = posts / topics;
  const counts = Array.from({ length: topics }, () =>
    Math.min(400, 1 + Math.floor(-Math.log(1 - rng.next()) * (mean - 0.5))),
  );
  let diff = posts - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = rng.int(0, topics - 1);
    if (diff > 0) {
      counts[i]! += 1;
      diff--;
    } else if (counts[i]! > 1) {
      counts[i]! -= 1;
      diff++;
    }
  }
  return counts;
}

function asciiName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const day = 86_400_000;

/**
 * Drops the foreign keys and secondary indexes of `tables` and returns the statements that put
 * them back exactly as the migrations made them: building them once after the bulk insert is far
 * cheaper than maintaining them row by row. Primary keys stay.
 */
async function dropSecondary(sql: postgres.Sql, tables: string[]): Promise<string[]> {
  const restore: string[] = [];
  const foreignKeys = await sql<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where contype = 'f' and conrelid::regclass::text in ${sql(tables)}`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid::regclass::text in ${sql(tables)}
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`;
  for (const fk of foreignKeys) {
    await sql.unsafe(`alter table "${fk.table}" drop constraint "${fk.name}"`);
    restore.push(`alter table "${fk.table}" add constraint "${fk.name}" ${fk.definition}`);
  }
  for (const index of indexes) {
    await sql.unsafe(`drop index ${index.name}`);
    restore.unshift(index.definition);
  }
  return restore;
}

/**
 * Seeds users, categories, topics, posts and likes with set-based SQL: the texts go over the wire
 * once (a few thousand rendered bodies), and PostgreSQL fans them out with generate_series.
 */
export async function seedCommunity(
  url: string,
  options: { posts: number; corpus: Corpus; log: (message: string) => void },
): Promise<SeedSummary> {
  const { posts, corpus, log } = options;
  const rng = new Random(42);
  const topicCount = Math.max(1, Math.round(posts / 10));
  const userCount = 1000;
  const { db, sql, close } = connect(url, { max: 1 });
  try {
    await migrateDatabase(db);
    await sql.unsafe('set synchronous_commit = off');
    await sql.unsafe(`set maintenance_work_mem = '256MB'`);
    const now = Date.now();

    // Users: a few staff, the rest members; ids 1..n so the SQL below can address them by number.
    const usernames: string[] = [];
    const taken = new Set<string>();
    const userRows = Array.from({ length: userCount }, (_, i) => {
      const first = rng.pick(firstNames);
      const last = rng.pick(lastNames);
      let username = `${asciiName(first)}_${asciiName(last)}`.slice(0, 24);
      while (taken.has(username))
        username = `${asciiName(first)}_${asciiName(last).slice(0, 16)}${rng.int(2, 9999)}`;
      taken.add(username);
      usernames.push(username);
      return {
        id: i + 1,
        username,
        email: `${username}@bench.parvis.example`,
        email_verified_at: new Date(now - 800 * day + i * 60_000).toISOString(),
        display_name: `${first} ${last}`,
        // Not a valid hash on purpose: bench members never sign in.
        password_hash: '!bench',
        role: i === 0 ? 'admin' : i < 6 ? 'moderator' : 'member',
        locale: rng.chance(0.6) ? 'fr' : 'en',
        created_at: new Date(now - 800 * day + i * 60_000).toISOString(),
      };
    });
    await sql`insert into users ${sql(userRows)}`;
    const categoryRows = categoryDefinitions.map(({ weight: _weight, ...c }, i) => ({
      ...c,
      id: i + 1,
      position: i,
      post_audience: c.slug === 'annonces' ? 'moderator' : 'member',
      created_at: new Date(now - 800 * day).toISOString(),
    }));
    await sql`insert into categories ${sql(categoryRows)}`;

    const started = Date.now();
    const pools = bodyPools(corpus, rng, usernames);
    const bodies = [...pools.openers, ...pools.replies];
    log(`rendered ${bodies.length} post bodies in ${Date.now() - started} ms`);

    // Helpers live in pg_temp: they vanish with this session and never touch the app's schema.
    await sql.unsafe(`
      create temporary table bench_bodies (id int primary key, body text not null, html text not null);
      create temporary table bench_topics (
        id int primary key, category_id int not null, author_id int not null, title text not null,
        slug text not null, n int not null, created_at timestamptz not null, gap_s float8 not null);
      create function pg_temp.bench_unit(x bigint) returns float8 language sql immutable
        as 'select (hashint8(x) & 2147483647)::float8 / 2147483648';
      create function pg_temp.bench_author(topic int, num int, opener int) returns int language sql immutable
        as 'select case when num = 1 then opener
                        else 1 + floor(${userCount} * power(pg_temp.bench_unit(topic::bigint * 1000003 + num), 1.7))::int end';
      create function pg_temp.bench_likes(topic int, num int) returns int language sql immutable
        as 'select case when num = 1 then floor(power(pg_temp.bench_unit(topic::bigint * 1000033 + num), 4) * 12)::int
                        else floor(power(pg_temp.bench_unit(topic::bigint * 1000033 + num), 8) * 12)::int end';
    `);
    for (let i = 0; i < bodies.length; i += 1000) {
      const rows = bodies.slice(i, i + 1000).map((b, j) => ({ id: i + j, body: b.markdown, html: b.html }));
      await sql`insert into bench_bodies ${sql(rows)}`;
    }

    const counts = postCounts(posts, topicCount, rng);
    const weights = categoryDefinitions.map((c) => c.weight);
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const pickCategory = () => {
      let roll = rng.next() * totalWeight;
      for (const [i, w] of weights.entries()) {
        roll -= w;
        if (roll < 0) return i + 1;
      }
      return weights.length;
    };
    const slugs = new Map<string, string>();
    let batch: Record<string, string | number>[] = [];
    for (let i = 0; i < topicCount; i++) {
      const title = rng.pick(corpus.titles);
      let slug = slugs.get(title);
      if (slug === undefined) {
        slug = slugify(title);
        slugs.set(title, slug);
      }
      const n = counts[i]!;
      const createdAt = now - rng.next() * 730 * day;
      // Threads stay active for hours to weeks, and never end in the future.
      const span = Math.max(0, Math.min(now - createdAt - 60_000, rng.next() ** 2 * 30 * day));
      batch.push({
        id: i + 1,
        category_id: pickCategory(),
        author_id: 1 + Math.floor(userCount * rng.next() ** 1.5),
        title,
        slug,
        n,
        created_at: new Date(createdAt).toISOString(),
        gap_s: n > 1 ? span / 1000 / (n - 1) : 0,
      });
      if (batch.length === 5000 || i === topicCount - 1) {
        await sql`insert into bench_topics ${sql(batch)}`;
        batch = [];
      }
    }
    await sql.unsafe('analyze bench_topics; analyze bench_bodies');

    // Topic counters and last poster come from the same functions that pick each post's author and likes.
    await sql.unsafe(`
      insert into topics (id, category_id, author_id, title, slug, reply_count, like_count, locked,
                          created_at, last_posted_at, last_poster_id)
      select t.id, t.category_id, t.author_id, t.title, t.slug, t.n - 1,
             (select sum(pg_temp.bench_likes(t.id, k))::int from generate_series(1, t.n) k),
             false, t.created_at, t.created_at + (t.n - 1) * t.gap_s * interval '1 second',
             pg_temp.bench_author(t.id, t.n, t.author_id)
      from bench_topics t order by t.id`);
    await sql.unsafe(`
      update categories c set topic_count =
        (select count(*) from topics t where t.category_id = c.id and t.deleted_at is null)`);
    log(`topics: ${topicCount.toLocaleString('en')}`);

    const deferred = await dropSecondary(sql, ['posts', 'post_likes']);
    const openers = pools.openers.length;
    const replies = pools.replies.length;
    const batchTopics = Math.max(1, Math.floor(25_000 / (posts / topicCount)));
    let written = 0;
    let logged = 0;
    for (let first = 1; first <= topicCount; first += batchTopics) {
      const last = Math.min(topicCount, first + batchTopics - 1);
      const result = await sql.unsafe(
        `
        insert into posts (topic_id, author_id, number, body, html, like_count, created_at)
        select t.id, pg_temp.bench_author(t.id, k, t.author_id), k, b.body, b.html, pg_temp.bench_likes(t.id, k),
               t.created_at + (k - 1) * t.gap_s * interval '1 second'
        from bench_topics t
        cross join lateral generate_series(1, t.n) k
        join bench_bodies b on b.id = case
          when k = 1 then (hashint8(t.id::bigint * 7919 + k) & 2147483647) % ${openers}
          else ${openers} + (hashint8(t.id::bigint * 7919 + k) & 2147483647) % ${replies} end
        where t.id between $1 and $2
        order by t.id, k`,
        [first, last],
      );
      written += result.count;
      if (last === topicCount || written - logged >= 100_000) {
        logged = written;
        log(`posts: ${written.toLocaleString('en')} / ${posts.toLocaleString('en')}`);
      }
    }

    // Likers: distinct members other than the author, stepping through users with a stride prime to n - 1.
    const stride = [7919, 7927, 7933, 7937].find((p) => (userCount - 1) % p !== 0)!;
    const [{ max: maxPost } = { max: 0 }] = await sql<
      { max: number }[]
    >`select coalesce(max(id), 0)::int as max from posts`;
    for (let first = 1; first <= maxPost; first += 200_000) {
      await sql.unsafe(
        `
        insert into post_likes (post_id, user_id, created_at)
        select p.id,
               1 + (p.author_id + (((hashint8(p.id) & 2147483647) + j::bigint * ${stride}) % ${userCount - 1})) % ${userCount},
               least(now(), p.created_at + j * interval '17 minutes')
        from posts p cross join lateral generate_series(1, p.like_count) j
        where p.like_count > 0 and p.id between $1 and $2`,
        [first, first + 199_999],
      );
    }
    log(`rebuilding ${deferred.length} indexes and foreign keys`);
    for (const statement of deferred) await sql.unsafe(statement);
    for (const table of ['users', 'categories', 'topics', 'posts']) {
      await sql.unsafe(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
      );
    }
    const [summary] = await sql<{ likes: number }[]>`select count(*)::int as likes from post_likes`;
    log('vacuum analyze');
    await sql.unsafe('vacuum analyze');
    return {
      users: userCount,
      categories: categoryRows.length,
      topics: topicCount,
      posts: written,
      likes: summary?.likes ?? 0,
      distinctBodies: bodies.length,
    };
  } finally {
    await close();
  }
}
