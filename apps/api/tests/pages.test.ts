import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../src/forum/commands';
import type { PageRequest } from '../src/pages/renderer';
import { type Harness, password, startHarness } from './harness';

/** A stand-in for the web app's renderer that shows what the page server does around it. */
const rendered: string[] = [];
async function renderPage(request: PageRequest) {
  rendered.push(request.url);
  const session = await (await request.fetchApi('/session')).json();
  const topics = await (await request.fetchApi('/topics')).json();
  const titles = topics.topics.map((t: { title: string }) => t.title).join(', ');
  return {
    status: request.url === '/missing' ? 404 : 200,
    html: `<html><body>${session.user?.username ?? 'guest'}: ${titles}<script nonce="${request.nonce}"></script></body></html>`,
  };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { renderPage });
  await createCategory(h.runtime.services.db, { name: 'Help', slug: 'help' }, null);
  // The category's event clears the guest caches when the dispatcher reaches it: let it, so it
  // cannot empty them in the middle of a test.
  await h.settle();
});
afterAll(() => h.close());

const page = (path: string, headers: Record<string, string> = {}) =>
  h.runtime.app.request(`http://localhost${path}`, { headers });

function nonceOf(res: Response) {
  return /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]!;
}

describe('pages', () => {
  it('serves guests from a cache with a fresh nonce each time, and drops it when content changes', async () => {
    rendered.length = 0;
    const first = await page('/');
    const second = await page('/');
    expect(rendered).toEqual(['/']);
    const [a, b] = [await first.text(), await second.text()];
    expect(a).toContain(`nonce="${nonceOf(first)}"`);
    expect(b).toContain(`nonce="${nonceOf(second)}"`);
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(b).not.toContain('PARVIS-NONCE');

    const french = await page('/', { 'accept-language': 'fr' });
    await french.text();
    expect(rendered).toEqual(['/', '/']);

    const member = await h.member('writer');
    const { id } = (await member.get('/categories')).body.categories[0];
    await member.post('/topics', { categoryId: id, title: 'Fresh news today', body: 'Something new.' });
    await h.settle();
    expect(await (await page('/')).text()).toContain('Fresh news today');

    const signedIn = await page('/', { cookie: member.cookie! });
    expect(await signedIn.text()).toContain('writer:');
    await page('/', { cookie: member.cookie! });
    expect(rendered.filter((u) => u === '/').length).toBe(5);
  });

  it('shares guest pages whatever cookies guests carry, and keeps them over writes guests cannot see', async () => {
    const reader = await h.member('reader');
    await h.settle();
    rendered.length = 0;
    await (await page('/')).text();
    await (await page('/', { cookie: 'parvis_faq_voter=abcdefghijklmnop; other=1' })).text();
    await (await page('/', { cookie: 'parvis_session=expired-or-forged' })).text();
    expect(rendered).toEqual(['/']);

    // Signing in and out, and their events, change nothing a guest sees.
    const signIn = await h.guest().post('/auth/sign-in', { login: 'reader', password });
    expect(signIn.status).toBe(200);
    await reader.post('/auth/sign-out');
    await h.settle();
    await (await page('/')).text();
    expect(rendered).toEqual(['/']);

    // A write guests can see still clears it.
    const { id } = (await reader.get('/categories')).body.categories[0];
    const writer = await h.member('poster');
    await writer.post('/topics', { categoryId: id, title: 'Visible to guests', body: 'Hello there.' });
    expect(await (await page('/')).text()).toContain('Visible to guests');
    expect(rendered).toEqual(['/', '/']);
  });

  it('does not cache error pages', async () => {
    rendered.length = 0;
    expect((await page('/missing')).status).toBe(404);
    expect((await page('/missing')).status).toBe(404);
    expect(rendered).toEqual(['/missing', '/missing']);
  });
});
