import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import {
  dropDatabase,
  type EmbeddedServer,
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
} from '@parvis/db';
import postgres from 'postgres';
import { freePort } from './net';
import { embeddedDataDir, migrationsDir } from './paths';

/** A PostgreSQL server the bench may create databases on. */
export interface BenchServer {
  kind: 'DATABASE_URL' | 'embedded';
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export async function openServer(databaseUrl: string | undefined): Promise<BenchServer> {
  if (databaseUrl) {
    return {
      kind: 'DATABASE_URL',
      adminUrl: databaseUrl,
      urlFor: (db) => withDatabase(databaseUrl, db),
      stop: async () => {},
    };
  }
  const port = await freePort();
  const embedded: EmbeddedServer = await startEmbeddedPostgres(embeddedDataDir, port);
  let stopped = false;
  return {
    kind: 'embedded',
    adminUrl: embedded.adminUrl,
    urlFor: embedded.urlFor,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await embedded.stop();
    },
  };
}

/** What a seeded database was seeded with; stored as the database's comment. */
export interface SeedMarker {
  version: number;
  posts: number;
  migrations: string;
  seedMs: number;
  corpus: string;
}

/** Bump when the seed changes shape, so older bench databases are seeded again. */
export const seedVersion = 2;

/** Changes whenever a migration is added or edited, since a reused database must match the schema. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    hash.update(name);
  return hash.digest('hex').slice(0, 16);
}

export async function readMarker(adminUrl: string, database: string): Promise<SeedMarker | null> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ comment: string | null }[]>`
      select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${database}`;
    const comment = rows[0]?.comment;
    if (!comment?.startsWith('parvis-bench ')) return null;
    return JSON.parse(comment.slice('parvis-bench '.length)) as SeedMarker;
  } catch {
    return null;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export async function writeMarker(url: string, database: string, marker: SeedMarker): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const text = `parvis-bench ${JSON.stringify(marker)}`.replace(/'/g, "''");
    await sql.unsafe(`comment on database "${database}" is '${text}'`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function recreateDatabase(adminUrl: string, database: string): Promise<void> {
  await dropDatabase(adminUrl, database);
  await ensureDatabase(adminUrl, database);
}
