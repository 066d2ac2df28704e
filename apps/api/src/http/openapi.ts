import { type Locale, translate } from '@parvis/domain';
import type { ApiOperation, TopicFilter } from '@parvis/plugin-sdk';
import { type ZodObject, z } from 'zod';
import { presenceInput } from '../live/routes';
import { idParam } from '../routes/_shared';
import { meInput, readInput, usernameParam } from '../routes/account';
import { categoryFields, roleInput, settingsInput, userListQuery } from '../routes/admin';
import {
  passwordResetRequestSchema,
  passwordResetSchema,
  signInSchema,
  signUpSchema,
  verifyEmailSchema,
} from '../routes/auth';
import { postEdit } from '../routes/posts';
import { searchQuery } from '../routes/search';
import { categorySlugParam, replyInput, topicInput, topicListQuery, topicPageQuery } from '../routes/topics';
import '../i18n';

/**
 * The core API under /api/v1, described once: openapi.json and the reference page are both
 * made from it and from the enabled plugins' operations. Paths are written as in the routes.
 */
export const coreOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/auth/sign-up',
    summary: 'Create an account and sign in; a confirmation link is mailed to the address',
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
    path: '/auth/verify-email',
    summary: 'Confirm an email address with the token from the mailed link',
    tag: 'Accounts',
    body: verifyEmailSchema,
    success: 200,
  },
  {
    method: 'post',
    path: '/auth/verify-email/resend',
    summary: 'Mail a new confirmation link to the signed-in member',
    tag: 'Accounts',
    auth: 'user',
    success: 202,
  },
  {
    method: 'post',
    path: '/auth/password-reset/request',
    summary: 'Mail a password reset link, if an account uses this address (same answer either way)',
    tag: 'Accounts',
    body: passwordResetRequestSchema,
    success: 202,
  },
  {
    method: 'post',
    path: '/auth/password-reset',
    summary: 'Choose a new password with the token from the mailed link; signs out everywhere, then in',
    tag: 'Accounts',
    body: passwordResetSchema,
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
    body: meInput,
    success: 200,
  },
  { method: 'get', path: '/categories', summary: 'Categories you can read', tag: 'Forum', success: 200 },
  {
    method: 'get',
    path: '/categories/:slug',
    summary: 'One category',
    tag: 'Forum',
    params: categorySlugParam,
    success: 200,
  },
  {
    method: 'get',
    path: '/topics',
    summary: 'Topics by latest activity or by likes, keyset-paginated',
    tag: 'Forum',
    query: topicListQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/topics',
    summary: 'Start a topic (403 email_unconfirmed while the site requires a confirmed address)',
    tag: 'Forum',
    auth: 'user',
    body: topicInput,
    success: 201,
  },
  {
    method: 'get',
    path: '/topics/:id',
    summary: 'A topic with one page of posts',
    tag: 'Forum',
    params: idParam,
    query: topicPageQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/topics/:id/posts',
    summary: 'Reply to a topic (403 email_unconfirmed while the site requires a confirmed address)',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
    body: replyInput,
    success: 201,
  },
  {
    method: 'get',
    path: '/topics/:id/live',
    summary:
      'Server-sent events for a topic: `event: <event type>` with ids only (refetch what you may see), `ready`, `reset`, `presence` (who is writing a reply; members only). Honours Last-Event-ID',
    tag: 'Forum',
    params: idParam,
    success: 200,
  },
  {
    method: 'post',
    path: '/topics/:id/presence',
    summary:
      'Say you are writing a reply (`composing`, repeated every ~10 s; lapses after 30 s) or stopped (`idle`)',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
    body: presenceInput,
    success: 204,
  },
  {
    method: 'get',
    path: '/posts/:id',
    summary: 'One post (with its Markdown when you may edit it)',
    tag: 'Forum',
    params: idParam,
    success: 200,
  },
  {
    method: 'patch',
    path: '/posts/:id',
    summary: 'Edit a post (and the title, for an opening post); the previous version is kept',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
    body: postEdit,
    success: 200,
  },
  {
    method: 'delete',
    path: '/posts/:id',
    summary: 'Delete a post (soft delete)',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
    success: 204,
  },
  {
    method: 'post',
    path: '/posts/:id/restore',
    summary: 'Restore a deleted post',
    tag: 'Moderation',
    auth: 'staff',
    params: idParam,
    success: 200,
  },
  {
    method: 'get',
    path: '/posts/:id/revisions',
    summary: 'Earlier versions of a post',
    tag: 'Moderation',
    auth: 'staff',
    params: idParam,
    success: 200,
  },
  {
    method: 'put',
    path: '/posts/:id/like',
    summary: 'Like a post',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
    success: 200,
  },
  {
    method: 'delete',
    path: '/posts/:id/like',
    summary: 'Remove your like',
    tag: 'Forum',
    auth: 'user',
    params: idParam,
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
    body: readInput,
    success: 200,
  },
  {
    method: 'get',
    path: '/users/:username',
    summary: 'A member’s public profile and recent posts',
    tag: 'Members',
    params: usernameParam,
    success: 200,
  },
  {
    method: 'get',
    path: '/admin/users',
    summary: 'Members by name or role, staff first (admins)',
    tag: 'Administration',
    auth: 'staff',
    query: userListQuery,
    success: 200,
  },
  {
    method: 'post',
    path: '/admin/categories',
    summary: 'Create a category (name, slug, description, position, who may read and post)',
    tag: 'Administration',
    auth: 'staff',
    body: categoryFields,
    success: 201,
  },
  {
    method: 'patch',
    path: '/admin/categories/:id',
    summary: 'Change a category (any of the fields given at creation)',
    tag: 'Administration',
    auth: 'staff',
    params: idParam,
    body: categoryFields.partial(),
    success: 200,
  },
  {
    method: 'get',
    path: '/admin/settings',
    summary: 'The site settings in force (admins)',
    tag: 'Administration',
    auth: 'staff',
    success: 200,
  },
  {
    method: 'patch',
    path: '/admin/settings',
    summary:
      'Change site settings (admins), e.g. requireConfirmedEmailToPost: members must confirm their address before posting',
    tag: 'Administration',
    auth: 'staff',
    body: settingsInput,
    success: 200,
  },
  {
    method: 'put',
    path: '/admin/users/:username/role',
    summary: 'Make a member a moderator or admin, or back',
    tag: 'Administration',
    auth: 'staff',
    params: usernameParam,
    body: roleInput,
    success: 200,
  },
  {
    method: 'get',
    path: '/search',
    summary: 'Search topics and posts (typo-tolerant, prefix, accent-insensitive)',
    tag: 'Search',
    query: searchQuery,
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

/**
 * The core operations with the enabled plugins' topic-list filters (`GET /topics?status=…`)
 * among the query parameters of `GET /topics`.
 */
export function withTopicFilters(
  operations: readonly ApiOperation[],
  filters: ReadonlyMap<string, TopicFilter>,
): ApiOperation[] {
  if (filters.size === 0) return [...operations];
  const extra = Object.fromEntries(
    [...filters].map(([name, filter]) => [name, z.enum(filter.values).optional()]),
  );
  return operations.map((op) =>
    op.method === 'get' && op.path === '/topics' && op.query instanceof z.ZodObject
      ? { ...op, query: op.query.extend(extra) }
      : op,
  );
}

/** Hono's `:name` path parameters as OpenAPI writes them: `/topics/:id` → `/topics/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

/** `get` + `/plugins/faq/articles/{id}/votes` → `getPluginsFaqArticlesByIdVotes`. */
function operationId(op: ApiOperation): string {
  const words = op.path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^:(\w+)/.exec(segment);
      return param ? ['by', param[1]!] : segment.split(/[^a-zA-Z0-9]+/);
    })
    .filter(Boolean);
  return op.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

type JsonSchema = { properties?: Record<string, object>; required?: string[] };

/** A zod object as JSON Schema of what clients send (before defaults and coercion apply). */
function inputSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json;
}

function parameters(op: ApiOperation) {
  const params = op.params ? (inputSchema(op.params) as JsonSchema) : {};
  const path = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: params.properties?.[m[1]!] ?? { type: 'string' },
  }));
  let query: object[];
  if (op.query instanceof z.ZodObject) {
    const json = inputSchema(op.query) as JsonSchema;
    query = Object.entries(json.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: json.required?.includes(name) ?? false,
      schema,
    }));
  } else {
    query = Object.entries(op.query ?? {}).map(([name, description]) => ({
      name,
      in: 'query',
      description,
      schema: { type: 'string' },
    }));
  }
  return [...path, ...query];
}

const audience = { user: 'Signed-in members.', staff: 'Signed-in staff only.' } as const;

/** The OpenAPI 3.1 document of the given operations (the core's and the enabled plugins'). */
export function openApiDocument(operations: readonly ApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses: Record<string, unknown> = {
      [op.success]: { description: 'Success' },
      '4XX': {
        description: 'Client error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    const path = openApiPath(op.path);
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      ...(op.auth ? { description: audience[op.auth] } : {}),
      tags: [op.tag],
      parameters: parameters(op),
      ...(op.auth ? { security: [{ session: [] }] } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: inputSchema(op.body) } },
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
        'JSON API of Parvis. State-changing requests from browsers must come from the same origin (CSRF check on Origin). Errors share one shape. Routes of plugins live under /plugins/<id> and are described only while the plugin is enabled.',
    },
    servers: [{ url: '/api/v1' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'parvis_session' } },
    },
    paths,
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function queryNames(op: ApiOperation): string[] {
  if (op.query instanceof z.ZodObject) return Object.keys((op.query as ZodObject).shape);
  return Object.entries(op.query ?? {}).map(([k, v]) => `${k} (${v})`);
}

/**
 * A readable reference page, plain HTML so it works without scripts. Its headings follow the
 * reader's language; what each operation does stays in English, like the OpenAPI document.
 */
export function apiReferencePage(locale: Locale, operations: readonly ApiOperation[]): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const en = locale === 'en' ? '' : ' lang="en"';
  const tags = [...new Set(operations.map((o) => o.tag))];
  const sections = tags
    .map((tag) => {
      const rows = operations
        .filter((o) => o.tag === tag)
        .map((o) => {
          const fields = o.body ? Object.keys((inputSchema(o.body) as JsonSchema).properties ?? {}) : [];
          const query = queryNames(o);
          return `<tr><td><code>${o.method.toUpperCase()}</code></td><td><code>/api/v1${escapeHtml(openApiPath(o.path))}</code></td><td><span${en}>${escapeHtml(o.summary)}</span>${
            fields.length ? `<br>${t('apiref.body')} <code>${escapeHtml(fields.join(', '))}</code>` : ''
          }${query.length ? `<br>${t('apiref.query')} <code>${escapeHtml(query.join('; '))}</code>` : ''}</td><td>${t(`apiref.who.${o.auth ?? 'anyone'}`)}</td><td>${o.success}</td></tr>`;
        })
        .join('');
      return `<h2${en}>${escapeHtml(tag)}</h2><table><thead><tr><th scope="col">${t('apiref.method')}</th><th scope="col">${t('apiref.path')}</th><th scope="col">${t('apiref.what')}</th><th scope="col">${t('apiref.who')}</th><th scope="col">${t('apiref.success')}</th></tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('apiref.title')}</title><meta name="description" content="${t('apiref.description')}"></head><body><main><h1>${t('apiref.title')}</h1><p>${t('apiref.machine_readable').replace('{link}', '<a href="/api/v1/openapi.json">openapi.json</a>')} ${t('apiref.errors').replace('{shape}', '<code>{"error":{"code","message","fields"?},"requestId"}</code>')}</p>${sections}</main></body></html>`;
}
