import type { Queryable } from '@parvis/db';
import type { Actor, Catalog, DomainEvent, DomainEventType, Locale, Role } from '@parvis/domain';
import type { SearchDocument } from '@parvis/search';
import type { SQL } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { ZodObject, ZodType } from 'zod';
import type { HostEnv, HostServices } from './host';

export interface ListenerContext {
  /** The transaction in which the listener's own writes happen, committed with its progress. */
  tx: Queryable;
  services: HostServices;
}

export type EventListener<T extends DomainEventType> = (
  event: DomainEvent<T>,
  context: ListenerContext,
) => Promise<void>;

export type PluginListeners = { [T in DomainEventType]?: EventListener<T> };

/** A filter on topic lists: `GET /api/v1/topics?<name>=<value>` keeps the topics matching `where`. */
export interface TopicFilter {
  values: readonly [string, ...string[]];
  /** A condition on the `topics` table (drizzle `sql`), for one of `values`. */
  where: (value: string) => SQL;
}

/** What a plugin adds to topics: data shown with them, list filters, search fields. */
/** What a topic's page tells about the topic itself, for `TopicExtension.dataAsMember`. */
export interface TopicFacts {
  authorId: number;
  locked: boolean;
  deleted: boolean;
}

export interface TopicExtension {
  /**
   * Data shown with each topic in lists and on its page, under `topic.plugins[<plugin id>]`.
   * Called once per list or page with every topic id on it (never once per topic).
   */
  data?: (db: Queryable, topicIds: number[], viewer: Actor) => Promise<Map<number, unknown>>;
  /**
   * One topic's `data` as `member` gets it, from the data loaded for another member of their
   * role: members share a thread's page, and where one of them wrote on it, what depends on who
   * they are is derived again rather than loaded (whether a topic has data at all may depend on
   * the role, not on the member). Without it, such pages are rendered for each of them alone.
   */
  dataAsMember?: (data: unknown, member: NonNullable<Actor>, topic: TopicFacts) => unknown;
  filters?: Record<string, TopicFilter>;
  /**
   * Fields merged into topics' search documents: `solved` marks the topic's documents,
   * `extraText` is appended to the opening post's text (e.g. the accepted answer).
   */
  searchFields?: (
    db: Queryable,
    topicIds: number[],
  ) => Promise<Map<number, { solved?: boolean; extraText?: string }>>;
  /** Events (carrying `topicId`) after which the topic's search documents must be rebuilt. */
  reindexOn?: readonly DomainEventType[];
  /**
   * Events (carrying `topicId`) after which an open topic page refreshes live (e.g. an accepted
   * answer). The topic's live stream forwards them, as ids only, while the plugin is enabled, and
   * tells the page to follow them; events not declared here never reach the page.
   */
  liveEvents?: readonly DomainEventType[];
}

/** Search documents a plugin owns (e.g. FAQ articles), rebuilt and kept in sync by the host. */
export interface SearchSource {
  /** Every document, in batches, for a full rebuild (boot of an in-process index, `reindex`). */
  allDocuments: (db: Queryable) => AsyncIterable<SearchDocument[]>;
  /** The events after which `documentsFor` is asked what changed. */
  events: readonly DomainEventType[];
  /** Documents to upsert and ids to remove after these events. */
  documentsFor: (
    db: Queryable,
    events: DomainEvent[],
  ) => Promise<{ upsert: SearchDocument[]; remove: string[] }>;
}

/** The demo community as plugins see it when they add their own demo content. */
export interface DemoCommunity {
  /** Demo members by username (`admin`, `lea`, `sam`, `hugo`, `amelie`, `priya`, `tom`). */
  users: Record<string, { id: number; role: Role; locale: Locale }>;
  /** Category ids by slug (`entraide`, `help`, `idees`, `cafe`, `annonces`, `staff`). */
  categories: Record<string, number>;
  /** Posts a topic through the core forum (events, counters and all), as that member. */
  createTopic(
    username: string,
    input: { category: string; title: string; body: string },
  ): Promise<{ topicId: number; postId: number }>;
  createReply(username: string, topicId: number, body: string): Promise<{ postId: number }>;
}

export interface PluginDefinition<S extends Record<string, unknown> = Record<string, unknown>> {
  /** Lowercase id, used in URLs (`/api/v1/plugins/<id>`), settings and the enabled list. */
  id: string;
  /** Human description shown to admins. */
  description: string;
  /** API routes mounted under `/api/v1/plugins/<id>` only while the plugin is enabled. */
  routes?: (router: Hono<HostEnv>) => Hono<HostEnv>;
  /**
   * One entry per route in `routes`, for the OpenAPI document and the `/api` reference page
   * (only while the plugin is enabled). A test checks that routes and operations match.
   */
  operations?: PluginOperation[];
  /** Reactions to domain events, run after the change committed (never in the request). */
  listeners?: PluginListeners;
  /** Named pure policies other parts may consult (e.g. `canSeeWelcome`). */
  policies?: Record<string, (...args: never[]) => boolean>;
  /** The plugin's own strings, in both languages. */
  messages?: Record<Locale, Catalog>;
  /** Default settings; admins may override them. */
  settings?: S;
  /** Folder of the plugin's own SQL migrations (its tables), applied by the host in order. */
  migrationsFolder?: string;
  /** What the plugin adds to topics (data in lists and pages, filters, search fields). */
  topics?: TopicExtension;
  /** Data shown with each category under `category.plugins[<plugin id>]` (e.g. "Q&A"). */
  categories?: {
    data: (db: Queryable, categoryIds: number[], viewer: Actor) => Promise<Map<number, unknown>>;
  };
  /** Search documents of the plugin's own content. */
  search?: SearchSource;
  /**
   * The plugin's notification kinds that may also go out by email, with their default, e.g.
   * `{ answer_accepted: { email: true } }`. Members turn each on or off in their settings,
   * labelled by the message `notification.kind.<kind>`. Kinds not listed stay in-app only.
   */
  notificationKinds?: Record<string, NotificationKindOptions>;
  /** Adds the plugin's demo content, in the demo seed's transaction, after the core community. */
  demo?: (tx: Queryable, community: DemoCommunity) => Promise<void>;
}

/**
 * One API operation, as the OpenAPI document and the `/api` reference page describe it. Give it
 * the zod schemas the route validates with, so the description cannot drift from the checks.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /**
   * The path as written in the route, with Hono's `:name` parameters (`/topics/:id/answer`).
   * A plugin's is relative to its mount point; the host prefixes `/plugins/<id>`.
   */
  path: string;
  /** What it does, in English (the API reference is for developers). */
  summary: string;
  /** The group it is listed under (e.g. `Support`). */
  tag: string;
  /** Who may call it: any signed-in member, or staff only. Absent: anyone, guests included. */
  auth?: 'user' | 'staff';
  /** The path parameters' schema (`validate('param', …)`); parameters not in it are strings. */
  params?: ZodObject;
  /** The query's schema (`validate('query', …)`), or parameter names with a description. */
  query?: ZodObject | Record<string, string>;
  /** The JSON body's schema (`validate('json', …)`). */
  body?: ZodType;
  /** The status of a successful answer. */
  success: number;
}

/** An operation of a plugin's `routes`; its `path` is relative to `/api/v1/plugins/<id>`. */
export type PluginOperation = ApiOperation;

/** How a notification kind reaches members besides the in-app list. */
export interface NotificationKindOptions {
  /** Sent by email unless the member turned it off (true), or only once they turn it on (false). */
  email: boolean;
}

/** Declares a plugin. The host mounts it, owns the enabled check and calls nothing else of it. */
export function definePlugin<S extends Record<string, unknown>>(
  definition: PluginDefinition<S>,
): PluginDefinition<S> {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(definition.id)) throw new Error(`Invalid plugin id: ${definition.id}`);
  return definition;
}
