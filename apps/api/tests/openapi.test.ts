import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../src/http/openapi';
import { installedPlugins } from '../src/plugins/config';
import { type Harness, startHarness } from './harness';

/**
 * Routes under /api/v1 that the document leaves out on purpose, each with its reason.
 * Anything else mounted there must be described, and everything described must be mounted.
 */
const undocumented: Record<string, string> = {
  // The document itself: describing it inside itself tells a reader nothing.
  'GET /api/v1/openapi.json': 'the OpenAPI document',
};

interface Document {
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string }[] }>>;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

/** `METHOD /api/v1/…{param}` of every route the app serves under /api/v1. */
function mountedRoutes(h: Harness): Set<string> {
  const found = new Set<string>();
  for (const route of h.runtime.app.routes) {
    if (!route.path.startsWith('/api/v1/')) continue;
    // Middleware and catch-alls (`use('/api/v1/*')`, the 404 for unknown addresses) are not endpoints.
    if (route.path.endsWith('*')) continue;
    const key = `${route.method} ${openApiPath(route.path)}`;
    if (!(key in undocumented)) found.add(key);
  }
  return found;
}

function documentedOperations(doc: Document): Set<string> {
  const found = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths))
    for (const method of Object.keys(item)) found.add(`${method.toUpperCase()} /api/v1${path}`);
  return found;
}

async function fetchDocument(h: Harness): Promise<Document> {
  const res = await h.guest().get<Document>('/openapi.json');
  expect(res.status).toBe(200);
  return res.body;
}

/** Checks the spec's rules a schema alone does not: unique operation ids, unambiguous paths. */
async function expectValidOpenApi(doc: Document) {
  // The validator dereferences in place: give it a copy.
  const result = await validate(structuredClone(doc) as never);
  expect(result.valid ? [] : result.errors.map((e) => e.message)).toEqual([]);
  expect(result.specification).toBe('OpenAPI');

  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  expect(ids.length).toBeGreaterThan(0);
  expect(new Set(ids).size).toBe(ids.length);
  // "Templated paths with the same hierarchy but different templated names MUST NOT exist."
  const shapes = Object.keys(doc.paths).map((path) => path.replace(/\{\w+\}/g, '{}'));
  expect(shapes.filter((shape, i) => shapes.indexOf(shape) !== i)).toEqual([]);
  for (const [path, item] of Object.entries(doc.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries(item)) {
      expect(methods, `${method} ${path}`).toContain(method);
      const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), `${method} ${path}`).toEqual(inPath);
    }
  }
}

describe('with every plugin enabled', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('documents every route under /api/v1, and only routes that exist', async () => {
    const doc = await fetchDocument(h);
    const mounted = mountedRoutes(h);
    const documented = documentedOperations(doc);
    expect(
      [...mounted].filter((route) => !documented.has(route)).sort(),
      'routes missing from openapi.json',
    ).toEqual([]);
    expect([...documented].filter((op) => !mounted.has(op)).sort(), 'operations without a route').toEqual([]);
    // The plugins' own routes are among them.
    for (const plugin of installedPlugins)
      expect(
        [...documented].some((op) => op.includes(`/api/v1/plugins/${plugin.id}/`)),
        plugin.id,
      ).toBe(true);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    await expectValidOpenApi(await fetchDocument(h));
  });

  it('describes bodies, path and query parameters from the schemas the routes validate with', async () => {
    const doc = (await fetchDocument(h)) as any;
    const vote = doc.paths['/plugins/faq/articles/{id}/votes'].post;
    const body = vote.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['helpful']);
    expect(body.properties.helpful.type).toBe('boolean');
    expect(vote.parameters).toContainEqual(
      expect.objectContaining({
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    );
    // One address read by slug and changed by id.
    const article = doc.paths['/plugins/faq/articles/{article}'];
    expect(article.get.parameters[0].schema.type).toBe('string');
    expect(article.patch.parameters[0].schema.type).toBe('integer');
    const queue = doc.paths['/plugins/support/queue'].get;
    expect(queue.security).toEqual([{ session: [] }]);
    expect(queue.parameters.map((p: { name: string }) => p.name)).toEqual(['category', 'limit']);
    expect(queue.parameters.find((p: { name: string }) => p.name === 'limit').schema.maximum).toBe(100);
    // The support plugin's filter on topic lists.
    const status = doc.paths['/topics'].get.parameters.find((p: { name: string }) => p.name === 'status');
    expect(status.schema.enum).toEqual(['solved', 'unsolved', 'unanswered']);
  });

  it('lists the plugins on the reference page, its headings in the reader’s language', async () => {
    const en = await h.runtime.app.request('http://localhost/api', { headers: { 'accept-language': 'en' } });
    const english = await en.text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>Parvis API reference</h1>');
    expect(english).toContain('/api/v1/plugins/support/topics/{id}/answer');
    expect(english).toContain('/api/v1/plugins/faq/search');
    const fr = await h.runtime.app.request('http://localhost/api', {
      headers: { 'accept-language': 'fr-FR' },
    });
    const french = await fr.text();
    expect(french).toContain('<html lang="fr">');
    expect(french).toContain('<h1>Référence de l’API Parvis</h1>');
    expect(french).toContain('<th scope="col">Méthode</th>');
    // What operations do stays in English, marked as such for screen readers.
    expect(french).toContain('<span lang="en">Stop handling a question</span>');
  });
});

describe('with the faq plugin disabled', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ PARVIS_PLUGINS: 'welcome,support' });
  });
  afterAll(() => h.close());

  it('leaves its operations out of the document, the others in', async () => {
    const doc = await fetchDocument(h);
    const documented = [...documentedOperations(doc)];
    expect(documented.filter((op) => op.includes('/plugins/faq/'))).toEqual([]);
    expect(documented).toContain('PUT /api/v1/plugins/support/topics/{id}/answer');
    expect(documented).toContain('GET /api/v1/plugins/welcome/tip');
    const mounted = mountedRoutes(h);
    expect([...mounted].filter((route) => !documentedOperations(doc).has(route))).toEqual([]);
    expect(documented.filter((op) => !mounted.has(op))).toEqual([]);
    await expectValidOpenApi(doc);
    const page = await (await h.runtime.app.request('http://localhost/api')).text();
    expect(page).not.toContain('/plugins/faq/');
  });
});
