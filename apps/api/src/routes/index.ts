import type { HostEnv } from '@parvis/plugin-sdk';
import { Hono } from 'hono';
import { meRoutes, notificationRoutes, sessionRoutes, userRoutes } from './account';
import { adminRoutes } from './admin';
import { type AuthOptions, authRoutes } from './auth';
import type { PluginExtensions } from '../plugins/extensions';
import { postRoutes } from './posts';
import { searchRoutes } from './search';
import { categoryRoutes, topicRoutes } from './topics';

export interface ApiOptions extends AuthOptions {
  enabledPlugins: () => string[];
  extensions: PluginExtensions;
}

/** The JSON API under /api/v1, chained so `typeof` it types the web's `hc` client. */
export function createApiRoutes(options: ApiOptions) {
  return new Hono<HostEnv>()
    .route('/auth', authRoutes(options))
    .route('/session', sessionRoutes(options.enabledPlugins))
    .route('/me', meRoutes())
    .route('/categories', categoryRoutes(options.extensions))
    .route('/topics', topicRoutes(options.extensions))
    .route('/posts', postRoutes())
    .route('/notifications', notificationRoutes())
    .route('/users', userRoutes())
    .route('/search', searchRoutes())
    .route('/admin', adminRoutes());
}

export type ApiRoutes = ReturnType<typeof createApiRoutes>;
