import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import type { LiveHub } from '../live/hub';
import { liveRoutes } from '../live/routes';
import type { NotificationKinds } from '../mail/kinds';
import type { PluginExtensions } from '../plugins/extensions';
import { meRoutes, notificationRoutes, sessionRoutes, userRoutes } from './account';
import { adminRoutes } from './admin';
import { type AuthOptions, authRoutes } from './auth';
import { notificationPreferenceRoutes } from './notification-preferences';
import { postRoutes } from './posts';
import { searchRoutes } from './search';
import { categoryRoutes, topicRoutes } from './topics';

export interface ApiOptions extends AuthOptions {
  enabledPlugins: () => string[];
  extensions: PluginExtensions;
  /** This instance's live-update hub (topic streams and "writing a reply" presence). */
  live: LiveHub;
  /** Notification kinds that may go out by email (core and enabled plugins'). */
  notificationKinds: NotificationKinds;
}

/** The JSON API under /api/v1, chained so `typeof` it types the web's `hc` client. */
export function createApiRoutes(options: ApiOptions) {
  return new Hono<HostEnv>()
    .route('/auth', authRoutes(options))
    .route('/session', sessionRoutes(options.enabledPlugins))
    .route('/me', meRoutes())
    .route('/me/notification-preferences', notificationPreferenceRoutes(options.notificationKinds))
    .route('/categories', categoryRoutes(options.extensions))
    .route('/topics', topicRoutes(options.extensions))
    .route('/topics', liveRoutes({ hub: options.live, trustProxy: options.trustProxy }))
    .route('/posts', postRoutes())
    .route('/notifications', notificationRoutes())
    .route('/users', userRoutes())
    .route('/search', searchRoutes())
    .route('/admin', adminRoutes());
}

export type ApiRoutes = ReturnType<typeof createApiRoutes>;
