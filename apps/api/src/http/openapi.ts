import { type ZodType, z } from 'zod';
import { signInSchema, signUpSchema } from '../routes/auth';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth?: 'user' | 'staff';
  body?: ZodType;
  query?: Record<string, string>;
  success: number;
}

const body = z.object({ body: z.string().min(2).max(50_000) });

/** The public API, described once; the reference page and openapi.json are both made from it. */
export const operations: Operation[] = [
  {
    method: 'post',
    path: '/auth/sign-up',
    summary: 'Create an account and sign in',
    tag: 'Accounts',
    body: signUpSchema,
    success: 201,
  },
  {
    method: 'post',
    path: '/auth/sign-in',
    summary: 'Sign in with username or email',
    tag: 'Accounts',
    body: signInSchema,
    success: 200,
  },
  {
    method: 'post',
    path: '/auth/sign-out',
    summary: 'Sign out of this browser',
    tag: 'Accounts',
    success: 204,
  },
  {
    method: 'post',
    path: '/auth/sign-out-everywhere',
    summary: 'Sign out of every device',
    tag: 'Accounts',
    auth: 'user',
    success: 204,
  },
  {
    method: 'get',
    path: '/session',
    summary: 'Who is signed in, their language, unread notifications, enabled plugins',
    tag: 'Accounts',
    success: 200,
  },
  {
    method: 'patch',
    path: '/me',
    summary: 'Change your language, display name or bio',
    tag: 'Accounts',
    auth: 'user',
    body: z.object({
      locale: z.enum(['en', 'fr']).optional(),
      displayName: z.string().max(60).optional(),
      bio: z.string().max(2000).optional(),
    }),
    success: 200,
  },
  { method: 'get', path: '/categories', summary: 'Categories you can read', tag: 'Forum', success: 200 },
  { method: 'get', path: '/categories/{slug}', summary: 'One category', tag: 'Forum', success: 200 },
  {
    method: 'get',
    path: '/topics',
    summary: 'Topics by latest activity or by likes, keyset-paginated',
    tag: 'Forum',
    query: {
      category: 'category slug',
      order: 'latest | top',
      cursor: 'nextCursor of the previous page',
      limit: '1–50',
    },
    success: 200,
  },
  {
    method: 'post',
    path: '/topics',
    summary: 'Start a topic',
    tag: 'Forum',
    auth: 'user',
    body: z.object({
      categoryId: z.number().int(),
      title: z.string().min(5).max(200),
      body: z.string().min(2).max(50_000),
    }),
    success: 201,
  },
  {
    method: 'get',
    path: '/topics/{id}',
    summary: 'A topic with one page of posts',
    tag: 'Forum',
    query: { page: 'page number, from 1' },
    success: 200,
  },
  {
    method: 'post',
    path: '/topics/{id}/posts',
    summary: 'Reply to a topic',
    tag: 'Forum',
    auth: 'user',
    body,
    success: 201,
  },
  {
    method: 'get',
    path: '/topics/{id}/live',
    summary:
      'Server-sent events for a topic: `event: <event type>` with ids only (refetch what you may see), `ready`, `reset`, `presence` (who is writing a reply; members only). Honours Last-Event-ID',
    tag: 'Forum',
    success: 200,
  },
  {
    method: 'post',
    path: '/topics/{id}/presence',
    summary:
      'Say you are writing a reply (`composing`, repeated every ~10 s; lapses after 30 s) or stopped (`idle`)',
    tag: 'Forum',
    auth: 'user',
    body: z.object({ state: z.enum(['composing', 'idle']) }),
    success: 204,
  },
  {
    method: 'get',
    path: '/posts/{id}',
    summary: 'One post (with its Markdown when you may edit it)',
    tag: 'Forum',
    success: 200,
  },
  {
    method: 'patch',
    path: '/posts/{id}',
    summary: 'Edit a post (and the title, for an opening post); the previous version is kept',
    tag: 'Forum',
    auth: 'user',
    body: body.extend({ title: z.string().min(5).max(200).optional() }),
    success: 200,
  },
  {
    method: 'delete',
    path: '/posts/{id}',
    summary: 'Delete a post (soft delete)',
    tag: 'Forum',
    auth: 'user',
    success: 204,
  },
  {
    method: 'post',
    path: '/posts/{id}/restore',
    summary: 'Restore a deleted post',
    tag: 'Moderation',
    auth: 'staff',
    success: 200,
  },
  {
    method: 'get',
    path: '/posts/{id}/revisions',
    summary: 'Earlier versions of a post',
    tag: 'Moderation',
    auth: 'staff',
    success: 200,
  },
  {
    method: 'put',
    path: '/posts/{id}/like',
    summary: 'Like a post',
    tag: 'Forum',
    auth: 'user',
    success: 200,
  },
  {
    method: 'delete',
    path: '/posts/{id}/like',
    summary: 'Remove your like',
    tag: 'Forum',
    auth: 'user',
    success: 200,
  },
  {
    method: 'get',
    path: '/notifications',
    summary: 'Your latest notifications',
    tag: 'Notifications',
    auth: 'user',
    success: 200,
  },
  {
    method: 'get',
    path: '/me/notification-preferences',
    summary: 'Which kinds of notification you also get by email',
    tag: 'Notifications',
    auth: 'user',
    success: 200,
  },
  {
    method: 'put',
    path: '/me/notification-preferences',
    summary: 'Turn email on or off per kind of notification',
    tag: 'Notifications',
    auth: 'user',
    body: z.object({ email: z.record(z.string(), z.boolean()) }),
    success: 200,
  },
  {
    method: 'post',
    path: '/notifications/read',
    summary: 'Mark notifications read (all when no ids)',
    tag: 'Notifications',
    auth: 'user',
    body: z.object({ ids: z.array(z.number().int()).max(200).optional() }),
    success: 200,
  },
  {
    method: 'get',
    path: '/users/{username}',
    summary: 'A member’s public profile and recent posts',
    tag: 'Members',
    success: 200,
  },
  {
    method: 'post',
    path: '/admin/categories',
    summary: 'Create a category (name, slug, description, position, who may read and post)',
    tag: 'Administration',
    auth: 'staff',
    body: z.object({
      name: z.string(),
      slug: z.string().optional(),
      description: z.string().optional(),
      position: z.number().optional(),
      readAudience: z.enum(['guest', 'member', 'moderator', 'admin']).optional(),
      postAudience: z.enum(['guest', 'member', 'moderator', 'admin']).optional(),
    }),
    success: 201,
  },
  {
    method: 'patch',
    path: '/admin/categories/{id}',
    summary: 'Change a category',
    tag: 'Administration',
    auth: 'staff',
    success: 200,
  },
  {
    method: 'put',
    path: '/admin/users/{username}/role',
    summary: 'Make a member a moderator or admin, or back',
    tag: 'Administration',
    auth: 'staff',
    body: z.object({ role: z.enum(['member', 'moderator', 'admin']) }),
    success: 200,
  },
  {
    method: 'get',
    path: '/search',
    summary: 'Search topics and posts (typo-tolerant, prefix, accent-insensitive)',
    tag: 'Search',
    query: { q: 'words to find', category: 'category slug', limit: '1–50', offset: '0–1000' },
    success: 200,
  },
];

const errorSchema = {
  type: 'object',
  required: ['error', 'requestId'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string', description: 'In the requester’s language' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    requestId: { type: 'string' },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query ?? {}).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      })),
    ];
    const responses: Record<string, unknown> = {
      [op.success]: { description: 'Success' },
      '4XX': {
        description: 'Client error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      parameters,
      ...(op.auth ? { security: [{ session: [] }] } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Parvis API',
      version: '1',
      description:
        'JSON API of Parvis. State-changing requests from browsers must come from the same origin (CSRF check on Origin). Errors share one shape.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'parvis_session' } },
    },
    paths,
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A readable reference page, plain HTML so it works without scripts. */
export function apiReferencePage(): string {
  const tags = [...new Set(operations.map((o) => o.tag))];
  const sections = tags
    .map((tag) => {
      const rows = operations
        .filter((o) => o.tag === tag)
        .map((o) => {
          const fields = o.body
            ? Object.keys((z.toJSONSchema(o.body) as { properties?: object }).properties ?? {})
            : [];
          const query = Object.entries(o.query ?? {}).map(([k, v]) => `${k} (${v})`);
          return `<tr><td><code>${o.method.toUpperCase()}</code></td><td><code>/api/v1${escapeHtml(o.path)}</code></td><td>${escapeHtml(o.summary)}${
            fields.length ? `<br>Body: <code>${escapeHtml(fields.join(', '))}</code>` : ''
          }${query.length ? `<br>Query: ${escapeHtml(query.join('; '))}` : ''}</td><td>${o.auth ?? 'anyone'}</td><td>${o.success}</td></tr>`;
        })
        .join('');
      return `<h2>${escapeHtml(tag)}</h2><table><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What it does</th><th scope="col">Who</th><th scope="col">Success</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Parvis API reference</title><meta name="description" content="Endpoints of the Parvis JSON API"></head><body><main><h1>Parvis API reference</h1><p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a>. Every error is <code>{"error":{"code","message","fields"?},"requestId"}</code>; messages follow your language (account, cookie or Accept-Language).</p>${sections}</main></body></html>`;
}
