import type { Database } from '@parvis/db';
import { type DomainEvent, type DomainEventType, registerMessages } from '@parvis/domain';
import type { ApiOperation, HostEnv, HostServices, PluginDefinition } from '@parvis/plugin-sdk';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Hono } from 'hono';
import type { Listener } from '../events/dispatcher';
import { installedPlugins } from './config';
import { collectExtensions } from './extensions';

export function selectPlugins(
  enabledList: string | undefined,
  available = installedPlugins,
): PluginDefinition[] {
  if (enabledList === undefined) return available;
  const wanted = new Set(
    enabledList
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
  const unknown = [...wanted].filter((id) => !available.some((p) => p.id === id));
  if (unknown.length > 0) throw new Error(`PARVIS_PLUGINS names unknown plugins: ${unknown.join(', ')}`);
  return available.filter((p) => wanted.has(p.id));
}

/** Everything the host needs from the enabled plugins; disabled plugins contribute nothing. */
export function mountPlugins(plugins: PluginDefinition[], services: () => HostServices) {
  for (const plugin of plugins) if (plugin.messages) registerMessages(plugin.messages);
  const listeners: Listener[] = plugins.flatMap((plugin) =>
    Object.entries(plugin.listeners ?? {}).map(([type, handler]) => ({
      name: `plugin:${plugin.id}:${type}`,
      types: [type as DomainEventType],
      mode: 'shared' as const,
      async handle(events: DomainEvent[], tx) {
        const run = handler as (
          event: DomainEvent,
          context: { tx: typeof tx; services: HostServices },
        ) => Promise<void>;
        for (const event of events) await run(event, { tx, services: services() });
      },
    })),
  );
  const routers = plugins
    .filter((plugin) => plugin.routes)
    .map((plugin) => ({ id: plugin.id, router: plugin.routes!(new Hono<HostEnv>()) }));
  return {
    ids: plugins.map((p) => p.id),
    listeners,
    routers,
    operations: pluginOperations(plugins),
    extensions: collectExtensions(plugins),
  };
}

/** The plugins' operations with their paths under /api/v1, where the host mounts their routes. */
export function pluginOperations(plugins: PluginDefinition[]): ApiOperation[] {
  return plugins.flatMap((plugin) =>
    (plugin.operations ?? []).map((op) => ({ ...op, path: `/plugins/${plugin.id}${op.path}` })),
  );
}

export async function migratePlugins(db: Database, plugins: PluginDefinition[]) {
  for (const plugin of plugins) {
    if (!plugin.migrationsFolder) continue;
    await migrate(db, {
      migrationsFolder: plugin.migrationsFolder,
      migrationsTable: `__plugin_${plugin.id.replace(/-/g, '_')}_migrations`,
    });
  }
}
