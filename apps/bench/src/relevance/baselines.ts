import type { SearchDocument } from '@parvis/search';
import type postgres from 'postgres';

/**
 * PostgreSQL's own search over the same FAQ articles, as a baseline: the rows the FAQ's search
 * source produces (question, answer text) are copied to a table with precomputed vectors.
 */
export type BaselineId = 'pg-fts-and' | 'pg-fts-or' | 'pg-trgm';
export const baselineIds: readonly BaselineId[] = ['pg-fts-and', 'pg-fts-or', 'pg-trgm'];

const table = 'relevance_baseline';

/** PostgreSQL text search configuration per language; accents are removed on both sides. */
export function textSearchConfig(locale: 'en' | 'fr'): 'english' | 'french' {
  return locale === 'fr' ? 'french' : 'english';
}

export async function prepareBaselines(
  sql: postgres.Sql,
  docs: readonly SearchDocument[],
  locale: 'en' | 'fr',
): Promise<void> {
  const config = textSearchConfig(locale);
  await sql.unsafe('create extension if not exists unaccent');
  await sql.unsafe('create extension if not exists pg_trgm');
  await sql.unsafe(`drop table if exists ${table}`);
  await sql.unsafe(`create table ${table} (
    id text primary key, question text not null, answer text not null,
    vector tsvector, question_folded text)`);
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d) => ({ id: d.id, question: d.title, answer: d.body }));
    await sql`insert into ${sql(table)} ${sql(rows)}`;
  }
  // Question above answer: weights A and B.
  await sql.unsafe(`update ${table} set
    vector = setweight(to_tsvector('${config}', unaccent(question)), 'A')
          || setweight(to_tsvector('${config}', unaccent(answer)), 'B'),
    question_folded = lower(unaccent(question))`);
  await sql.unsafe(`create index on ${table} using gin (vector)`);
  await sql.unsafe(`create index on ${table} using gist (question_folded gist_trgm_ops)`);
  await sql.unsafe(`analyze ${table}`);
}

/** Ids of the best `limit` rows for `q`, best first. */
export async function searchBaseline(
  sql: postgres.Sql,
  engine: BaselineId,
  q: string,
  locale: 'en' | 'fr',
  limit: number,
): Promise<string[]> {
  const config = textSearchConfig(locale);
  let rows: { id: string }[];
  if (engine === 'pg-fts-and') {
    // What Discourse does: every word required (web search syntax), cover density ranking.
    rows = await sql`
      with query as (select websearch_to_tsquery(${config}::regconfig, unaccent(${q})) as tsq)
      select id from ${sql(table)}, query
      where vector @@ tsq
      order by ts_rank_cd(vector, tsq) desc, id limit ${limit}`;
  } else if (engine === 'pg-fts-or') {
    // Any of the query's lexemes; ts_rank weighs A (question) 1.0 and B (answer) 0.4.
    rows = await sql`
      with lexemes as (
        select lexeme from unnest(to_tsvector(${config}::regconfig, unaccent(${q})))
      ), query as (
        select string_agg(quote_literal(lexeme), ' | ')::tsquery as tsq from lexemes
      )
      select id from ${sql(table)}, query
      where tsq is not null and vector @@ tsq
      order by ts_rank(vector, tsq) desc, id limit ${limit}`;
  } else {
    // `<->` is 1 − similarity(); the GiST index answers it as a nearest-neighbour search.
    rows = await sql`
      with query as (select lower(unaccent(${q})) as folded)
      select id from ${sql(table)}, query
      where question_folded <-> folded < 1
      order by question_folded <-> folded, id limit ${limit}`;
  }
  return rows.map((row) => row.id);
}
