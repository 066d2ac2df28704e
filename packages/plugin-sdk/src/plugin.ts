import type { Queryable } from '@parvis/db';
import type { Catalog, DomainEvent, DomainEventType, Locale } from '@parvis/domain';
import type { Hono } from 'hono';
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

export interface PluginDefinition<S extends Record<string, unknown> = Record<string, unknown>> {
  /** Lowercase id, used in URLs (`/api/v1/plugins/<id>`), settings and the enabled list. */
  id: string;
  /** Human description shown to admins. */
  description: string;
  /** API routes mounted under `/api/v1/plugins/<id>` only while the plugin is enabled. */
  routes?: (router: Hono<HostEnv>) => Hono<HostEnv>;
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
}

/** Declares a plugin. The host mounts it, owns the enabled check and calls nothing else of it. */
export function definePlugin<S extends Record<string, unknown>>(
  definition: PluginDefinition<S>,
): PluginDefinition<S> {
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(definition.id)) throw new Error(`Invalid plugin id: ${definition.id}`);
  return definition;
}
