import path from 'node:path';
import {
  type Connection,
  connect,
  type EmbeddedServer,
  ensureDatabase,
  getLastEventId,
  migrateDatabase,
  startEmbeddedPostgres,
  withDatabase,
} from '@parvis/db';
import type { DomainEventType } from '@parvis/domain';
import type { HostServices, PluginDefinition } from '@parvis/plugin-sdk';
import { createSearchEngine, type SearchEngine, SearchGate } from '@parvis/search';
import { createApp } from './app';
import { SessionCache } from './auth/session-cache';
import type { Env } from './env';
import { EventDispatcher } from './events/dispatcher';
import { createNotify, notificationListener } from './forum/notifications';
import { LiveHub, type LiveOptions } from './live/hub';
import { createMailService } from './mail/index';
import { MemberLikes } from './pages/member-pages';
import type { RenderPage, SharedPageRenderer } from './pages/renderer';
import { SharedResponses } from './pages/response-cache';
import { migratePlugins, mountPlugins, selectPlugins } from './plugins/host';
import { rebuildIndex, searchIndexListener } from './search/indexer';
import { SiteSettingsCache } from './settings/cache';

/**
 * Events that change nothing a guest's page or API answer shows: they leave the guest caches be.
 * A mention comes with its post, whose own event clears them.
 */
const invisibleToGuests: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'user.signed_in',
  'user.mentioned',
]);

export function log(message: string, details?: Record<string, unknown>) {
  console.log(JSON.stringify({ time: new Date().toISOString(), message, ...details }));
}

/** Opens the configured database: DATABASE_URL, or an embedded PostgreSQL under the data folder. */
export async function openDatabase(
  env: Env,
): Promise<{ connection: Connection; embedded: EmbeddedServer | null }> {
  if (env.DATABASE_URL) return { connection: connect(env.DATABASE_URL), embedded: null };
  // Another Parvis process (the server, when this is the CLI) may already run the embedded server.
  const running = await reachEmbedded(env.EMBEDDED_PG_PORT);
  if (running) return { connection: running, embedded: null };
  const embedded = await startEmbeddedPostgres(path.join(env.PARVIS_DATA_DIR, 'pg'), env.EMBEDDED_PG_PORT);
  await ensureDatabase(embedded.adminUrl, 'parvis');
  return { connection: connect(withDatabase(embedded.adminUrl, 'parvis')), embedded };
}

async function reachEmbedded(port: number): Promise<Connection | null> {
  const connection = connect(`postgres://postgres:parvis@127.0.0.1:${port}/parvis`, { max: 5 });
  try {
    await connection.sql`select 1`.execute();
    return connection;
  } catch {
    await connection.close().catch(() => {});
    return null;
  }
}

export interface RuntimeOptions {
  env: Env;
  connection: Connection;
  renderPage?: RenderPage | null;
  /** Renders members' pages once per role where nothing on them is the viewer's own. */
  sharedPages?: SharedPageRenderer | null;
  /** Runs after migrations, before the search index is built (the demo seed). */
  beforeIndex?: (connection: Connection, plugins: readonly PluginDefinition[]) => Promise<void>;
  search?: SearchEngine;
  /** Limits and timings of live topic updates (tests shorten the presence expiry). */
  live?: LiveOptions;
  /**
   * Return as soon as the app can serve, and build the in-process search index behind it
   * (`indexed` settles when done; searches answer 503 and /readyz stays 503 until then).
   * A million posts take minutes to index: pages and writes should not wait for that.
   */
  indexInBackground?: boolean;
}

export type Runtime = Awaited<ReturnType<typeof startRuntime>>;

/** Everything one API instance runs: migrations, plugins, search index, event listeners, the app. */
export async function startRuntime(options: RuntimeOptions) {
  const { env, connection } = options;
  const { db } = connection;
  await migrateDatabase(db);
  const plugins = selectPlugins(env.PARVIS_PLUGINS);
  await migratePlugins(db, plugins);
  await options.beforeIndex?.(connection, plugins);

  const search = new SearchGate(
    options.search ??
      createSearchEngine({
        meiliUrl: env.MEILI_URL,
        meiliKey: env.MEILI_KEY,
        thread: env.SEARCH_THREAD && {
          maxHeapMb: env.SEARCH_THREAD_HEAP_MB,
          onCrash: (error) => {
            log('search thread died: rebuilding its index', { error: String(error) });
            void reindex().catch((failure) => log('search index rebuild failed', { error: String(failure) }));
          },
        },
      }),
  );
  await search.init();
  const mail = await createMailService({ env, db, sql: connection.sql, plugins, log });
  const notify = createNotify(mail.queue);
  const settings = new SiteSettingsCache(db);
  const services: HostServices = { db, search, notify, log, settings };
  const mounted = mountPlugins(plugins, () => services);

  const dispatcher = new EventDispatcher(db, connection.sql, log);
  dispatcher.add(notificationListener(notify));
  // The index follows the event log on its own dispatcher, so everything else (notifications,
  // mail, live pages) runs while an in-process index is still being rebuilt.
  const newIndexFeed = () => {
    const feed = new EventDispatcher(db, connection.sql, log);
    feed.add(searchIndexListener(search, mounted.extensions));
    return feed;
  };
  let indexFeed = newIndexFeed();
  for (const listener of mounted.listeners) dispatcher.add(listener);
  // Every instance reads settings again once another one changed them.
  dispatcher.add({
    name: 'site-settings-cache',
    types: ['settings.updated'],
    mode: 'local',
    handle: async () => settings.invalidate(),
  });
  const shared = new SharedResponses();
  const sessions = new SessionCache();
  await sessions.listen(connection.sql);
  const memberLikes = new MemberLikes(db);
  dispatcher.add({
    name: 'guest-page-cache',
    types: 'all',
    mode: 'local',
    handle: async (events) => {
      for (const event of events) if (event.actorId !== null) memberLikes.forget(event.actorId);
      if (events.every((event) => invisibleToGuests.has(event.type))) return;
      shared.clear();
    },
  });
  const live = new LiveHub(db, connection.sql, log, options.live, mounted.extensions.topicLiveEvents);
  dispatcher.add(live.listener());

  // An in-process index starts empty: rebuild it from PostgreSQL, then follow the events after.
  const head = await getLastEventId(db);
  let ready = false;
  let closed = false;
  const buildIndex = async (head: number) => {
    if (search.name === 'embedded') {
      const started = Date.now();
      const count = await rebuildIndex(db, search, mounted.extensions);
      log('search index built', { engine: search.name, documents: count, ms: Date.now() - started });
    }
    if (closed) return;
    // Events committed during the rebuild are replayed from `head`; re-indexing is idempotent.
    await indexFeed.start({ fromId: head });
    search.open();
    ready = true;
  };
  /** After the search thread died: searches wait again while its index is rebuilt. */
  async function reindex() {
    if (closed) return;
    ready = false;
    search.shut();
    await indexFeed.stop();
    indexFeed = newIndexFeed();
    await buildIndex(await getLastEventId(db));
  }
  await live.start(head);
  await dispatcher.start({ fromId: head });
  await mail.start();
  const indexed = options.indexInBackground ? buildIndex(head) : Promise.resolve(await buildIndex(head));
  indexed.catch((error) => log('search index build failed', { error: String(error) }));

  const app = createApp({
    services,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    plugins: mounted,
    renderPage: options.renderPage ?? null,
    sharedPages: options.sharedPages ?? null,
    shared,
    sessions,
    memberLikes,
    live,
    mail,
    isReady: async () => {
      if (!ready) return false;
      await connection.sql`select 1`;
      return true;
    },
  });

  return {
    app,
    services,
    dispatcher,
    live,
    mail,
    indexed,
    plugins: mounted.ids,
    /** Shared responses; tests read their sizes to see what was shared. */
    shared,
    sessions,
    /** Runs every listener, indexing included, on everything committed so far. */
    async settle() {
      await indexed;
      await dispatcher.drain();
      await indexFeed.drain();
      await sessions.sync();
    },
    async close() {
      ready = false;
      closed = true;
      await live.stop();
      await dispatcher.stop();
      await indexFeed.stop();
      await mail.stop();
      await sessions.stop();
      await search.close();
    },
  };
}
