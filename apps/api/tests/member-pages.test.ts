import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, setLike } from '../src/forum/commands';
import type { PageRequest, SharedPage, SharedPageRenderer } from '../src/pages/renderer';
import { type Client, type Harness, startHarness } from './harness';

/**
 * Stand-ins for the web app's renderers that say whom each page was rendered as, to show what
 * the page server shares between members and what it renders for one member alone. That the
 * completed page equals the member's own rendering is the web app's test (entry-server.test).
 */
const own: string[] = [];
const shared: string[] = [];
/** The viewers' own thread data the host derived from shared pages, latest last. */
const derived: TopicJson[] = [];
type TopicJson = { posts: { id: number; likedByMe: boolean; canEdit: boolean }[] };

async function asJson(request: PageRequest, path: string) {
  const response = await request.fetchApi(path);
  return { status: response.status, body: await response.json() };
}

async function renderPage(request: PageRequest) {
  const session = (await asJson(request, '/session')).body;
  own.push(`${session.user?.username ?? 'guest'} ${request.url}`);
  return { status: 200, html: `own page of ${session.user?.username}` };
}

type Rendered = SharedPage & { text: string };
const sharedPages: SharedPageRenderer = {
  async render(request) {
    const session = (await asJson(request, '/session')).body;
    if (!request.url.startsWith('/t/')) {
      shared.push(`${session.user.id} ${request.url}`);
      const list = (await asJson(request, '/topics')).body as { topics: { title: string }[] };
      return {
        status: 200,
        page: { routeId: request.url === '/' ? 'home' : 'category', data: list },
        text: list.topics.map((topic) => topic.title).join(', '),
      } as Rendered;
    }
    const topic = await asJson(request, `/topics/${request.url.split('/').pop()}`);
    shared.push(
      `${session.user.id} ${session.account.emailVerified ? 'confirmed' : 'unconfirmed'} ${request.url}`,
    );
    if (topic.status !== 200) return { status: topic.status, html: 'not found' };
    const posts = topic.body.posts as { html: string; likedByMe: boolean; canEdit: boolean }[];
    // What a stand-in sees must be what any uninvolved member sees: nothing liked, nothing editable.
    expect(posts.every((post) => !post.likedByMe && !post.canEdit)).toBe(true);
    return {
      status: 200,
      page: { routeId: 'topic', data: topic.body },
      text: posts.map((post) => post.html).join(''),
    } as Rendered;
  },
  // Says which posts the viewer liked or may edit, from their own data as the host derived it.
  overlay(_page, data) {
    derived.push(data as TopicJson);
    return (data as TopicJson).posts.flatMap((post) => [
      ...(post.likedByMe ? [`liked ${post.id}`] : []),
      ...(post.canEdit ? [`edits ${post.id}`] : []),
    ]);
  },
  personalize(page, viewer) {
    const { user } = viewer.session as { user: { username: string } };
    const overlay = viewer.overlay?.length ? ` (${viewer.overlay.join(', ')})` : '';
    return {
      status: 200,
      body: new TextEncoder().encode(`${user.username} reads ${(page as Rendered).text}${overlay}`),
    };
  },
};

let h: Harness;
let author: Client;
let topicUrl: string;
let postId: number;
beforeAll(async () => {
  h = await startHarness({}, { renderPage, sharedPages });
  const category = await createCategory(h.runtime.services.db, { name: 'Help', slug: 'help' }, null);
  author = await h.member('asker');
  const created = await author.post('/topics', {
    categoryId: category.id,
    title: 'Printer offline again',
    body: 'It says offline since the update.',
  });
  const { id, slug } = created.body.topic;
  topicUrl = `/t/${slug}/${id}`;
  postId = created.body.topic.postId;
  await h.settle();
});
afterAll(() => h.close());

const view = async (client: Client, path = topicUrl) => {
  const response = await h.runtime.app.request(`http://localhost${path}`, {
    headers: { cookie: client.cookie! },
  });
  return { status: response.status, text: await response.text() };
};

describe('members’ topic pages', () => {
  it('renders a thread once for every uninvolved member of a kind, each with their own header', async () => {
    const reader = await h.member('reader');
    const other = await h.member('other');
    // Sign-ups are events too: let them clear the caches now rather than in the middle.
    await h.settle();
    own.length = 0;
    shared.length = 0;
    expect(await view(reader)).toEqual({
      status: 200,
      text: 'reader reads <p>It says offline since the update.</p>\n',
    });
    expect((await view(other)).text).toMatch(/^other reads <p>It says offline/);
    expect((await view(reader)).text).toMatch(/^reader reads/);
    // Rendered as a stand-in (id 0) with a confirmed address, once; never as anyone real.
    expect(shared).toEqual([`0 confirmed ${topicUrl}`]);
    expect(own).toEqual([]);

    // Another kind of member (an unconfirmed address changes the header) has a rendering of its own.
    const newcomer = await h.member('newcomer', { verified: false });
    await h.settle();
    expect((await view(reader)).text).toMatch(/^reader reads/);
    expect((await view(newcomer)).text).toMatch(/^newcomer reads/);
    expect(shared).toEqual([
      `0 confirmed ${topicUrl}`,
      `0 confirmed ${topicUrl}`,
      `0 unconfirmed ${topicUrl}`,
    ]);
  });

  it('adds to the shared page where the member wrote or liked something, loading nothing', async () => {
    const liker = await h.member('liker');
    const moderator = await h.member('mod', { role: 'moderator' });
    await h.settle();
    own.length = 0;
    const question = '<p>It says offline since the update.</p>\n';
    // The asker's own topic: they may edit their post (and accept an answer).
    expect((await view(author)).text).toBe(`asker reads ${question} (edits ${postId})`);
    // Staff tools name people (who claimed a question), so staff pages are never shared.
    expect((await view(moderator)).text).toBe('own page of mod');
    // Nothing of the liker's yet: nothing is loaded for them.
    expect((await view(liker)).text).toBe(`liker reads ${question}`);
    expect((await liker.put(`/posts/${postId}/like`)).status).toBe(200);
    await h.settle();
    expect((await view(liker)).text).toBe(`liker reads ${question} (liked ${postId})`);
    expect(own).toEqual([`mod ${topicUrl}`]);
  });

  it('answers a member who only liked posts as anyone else, but for those likes', async () => {
    const fan = await h.member('fan');
    const bystander = await h.member('bystander');
    expect((await fan.put(`/posts/${postId}/like`)).status).toBe(200);
    const path = `/topics/${topicUrl.split('/').pop()}`;
    const [asFan, asBystander] = [(await fan.get(path)).body, (await bystander.get(path)).body];
    expect(asFan.posts.find((post: { id: number }) => post.id === postId).likedByMe).toBe(true);
    // What a thread's page is made of must not differ otherwise (see topicPageAsMember in routes/views.ts).
    const withoutLikes = (page: { posts: { likedByMe: boolean; likeCount: number }[] }) =>
      JSON.stringify({ ...page, posts: page.posts.map(({ likedByMe: _, ...post }) => post) });
    expect(withoutLikes(asFan)).toBe(withoutLikes(asBystander));
  });

  it('hears of a like made through another instance from its event', async () => {
    const reader = await h.member('elsewhere');
    await h.settle();
    expect((await view(reader)).text).not.toContain('(liked');
    // As another instance would: the write and its event, without this instance's request path.
    await setLike(h.runtime.services.db, { id: reader.id, role: 'member' }, postId, true);
    await h.settle();
    expect((await view(reader)).text).toBe(
      `elsewhere reads <p>It says offline since the update.</p>\n (liked ${postId})`,
    );
  });

  it('shares topic lists, even with the members whose topics they list', async () => {
    await h.settle();
    shared.length = 0;
    expect((await view(author, '/')).text).toBe('asker reads Printer offline again');
    expect((await view(author, '/c/help?order=top')).text).toBe('asker reads Printer offline again');
    expect((await view(author, '/')).text).toBe('asker reads Printer offline again');
    expect(shared).toEqual(['0 /', '0 /c/help?order=top']);
  });

  it('shows a change to everyone at once and renders other pages per member as before', async () => {
    const reader = await h.member('later');
    expect((await view(reader)).text).toMatch(/^later reads/);
    expect(
      (await author.patch(`/posts/${postId}`, { body: 'Fixed by restarting the spooler.' })).status,
    ).toBe(200);
    expect((await view(reader)).text).toBe('later reads <p>Fixed by restarting the spooler.</p>\n');
    own.length = 0;
    expect((await view(reader, '/u/later')).text).toBe('own page of later');
    expect((await view(reader, '/t/no-such-topic/999999')).text).toBe('own page of later');
    expect(own).toEqual(['later /u/later', 'later /t/no-such-topic/999999']);
  });

  it('derives each member’s own thread from the shared one exactly as the API answers them', async () => {
    // More sign-ups than one address may make in an hour.
    await h.resetRateLimits();
    const admin = await h.member('qa-admin', { role: 'admin' });
    const category = await createCategory(h.runtime.services.db, { name: 'Questions', slug: 'qa' }, null);
    expect((await admin.put(`/plugins/support/categories/${category.id}`, { qa: true })).status).toBe(200);
    const asker = await h.member('qa-asker');
    const helper = await h.member('qa-helper');
    const fan = await h.member('qa-fan');
    const bystander = await h.member('qa-bystander');
    const asked = await asker.post('/topics', {
      categoryId: category.id,
      title: 'Scanner will not pair',
      body: 'Bluetooth pairing fails every time.',
    });
    const { id, slug } = asked.body.topic;
    const answer = (await helper.post(`/topics/${id}/posts`, { body: 'Reset it with the pin.' })).body.post;
    const slip = (await helper.post(`/topics/${id}/posts`, { body: 'Wrong thread, sorry.' })).body.post;
    expect((await helper.delete(`/posts/${slip.id}`)).status).toBe(204);
    expect((await asker.put(`/plugins/support/topics/${id}/answer`, { postId: answer.id })).status).toBe(200);
    expect((await fan.put(`/posts/${answer.id}/like`)).status).toBe(200);
    expect((await asker.put(`/posts/${answer.id}/like`)).status).toBe(200);
    await h.settle();
    await h.resetRateLimits();
    for (const viewer of [asker, helper, fan, bystander]) {
      derived.length = 0;
      expect((await view(viewer, `/t/${slug}/${id}`)).status).toBe(200);
      const theirs = (await viewer.get(`/topics/${id}`)).body;
      // The asker may accept, the helper edit and delete their reply, the fan shows their like.
      expect(derived).toHaveLength(1);
      expect(derived[0]).toEqual(theirs);
    }
    expect((await asker.get(`/topics/${id}`)).body.topic.plugins.support.canAccept).toBe(true);
  });
});
