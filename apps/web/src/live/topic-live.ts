import { topicPageEventTypes } from '@parvis/domain';
import { batch } from 'solid-js';
import { reconcile, type SetStoreFunction } from 'solid-js/store';
import type { Api, Post, TopicDetail, TopicPage, UserRef } from '../api';

/**
 * Live updates of an open topic page, loaded after hydration so the page's first download stays
 * small. The server sends ids only (`GET /api/v1/topics/:id/live`); this module asks the API again
 * for the page, which returns only what this visitor may see, and merges it into the page in place.
 */

export interface TopicStore {
  topic: TopicDetail;
  posts: Post[];
}

export interface TopicLiveView {
  topicId: number;
  /** The page of the topic shown. */
  page: number;
  api: Api;
  /** The signed-in visitor, whose own replies are not announced to them. */
  viewerId: number | null;
  state: TopicStore;
  setState: SetStoreFunction<TopicStore>;
  setPageCount: (count: number) => void;
  /** Replies that landed on a later page than the one shown (for the "N new replies" link). */
  setUnseen: (count: number) => void;
  /** Says new replies shown here: one author's name, or how many. */
  announceNew: (posts: Post[]) => void;
  setComposing: (people: UserRef[]) => void;
}

export interface TopicLive {
  /** The visitor typed in the reply box: a heartbeat at most every 10 s. */
  typing(): void;
  /** The visitor left the reply box, sent it, or left the page. */
  idle(): void;
  close(): void;
}

/**
 * The event types a stream's `ready` message says it forwards, besides the core's own page events
 * (`topicPageEventTypes`, followed from the start): the enabled plugins' topic events, which the
 * core does not know by name. Anything odd in the message is ignored.
 */
export function announcedEvents(data: Record<string, unknown>): string[] {
  const { events } = data;
  if (!Array.isArray(events)) return [];
  return events.filter(
    (type): type is string => typeof type === 'string' && /^[a-z0-9_.-]{1,64}$/i.test(type),
  );
}

const heartbeatMs = 10_000;

function parse(event: Event): Record<string, unknown> {
  try {
    return JSON.parse((event as MessageEvent<string>).data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function startTopicLive(view: TopicLiveView): TopicLive {
  const { topicId, api } = view;
  let source: EventSource | null = null;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let reopened = false;
  let loading = false;
  let again = false;
  /** Replies announced by the stream that are not on the page shown. */
  const unseen = new Set<number>();
  /**
   * What the stream announced and the next answer must show: new replies, and the revision an
   * edited post reached. An answer without them is older than the event (another instance has
   * not heard of it yet) and is asked again, a few times at most.
   */
  const created = new Map<number, number>();
  const edited = new Map<number, { revision: number; tries: number }>();

  // Coalesces bursts (several likes, a reply and its mentions) into one request, spread a little
  // so that everyone watching a busy topic does not ask at the same millisecond.
  const refresh = (delay = 100 + Math.random() * 400) => {
    if (closed) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void load(), delay);
  };

  const load = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    // Events arriving from now on may be missing from this answer: they wait for the next one.
    const asked = { created: [...created.keys()], edited: [...edited.keys()] };
    const result = await api.topic(topicId, view.page > 1 ? view.page : undefined);
    loading = false;
    if (result.ok && !closed && !apply(result.data, asked)) refresh(1_000);
    // Deleted, or hidden from this visitor now: the page stays as it was shown, and stops listening.
    if (!result.ok && result.status === 404) stop();
    if (again) {
      again = false;
      refresh(0);
    }
  };

  /** Merges an answer into the page; false when it looked older than what the stream announced. */
  const apply = (data: TopicPage, asked: { created: number[]; edited: number[] }): boolean => {
    const { state, setState } = view;
    const known = new Set(state.posts.map((p) => p.id));
    const incoming = new Map(data.posts.map((p) => [p.id, p]));
    const fresh = data.posts.filter((p) => !known.has(p.id));
    let stale = false;
    batch(() => {
      setState('topic', reconcile(data.topic));
      for (const [index, post] of state.posts.entries()) {
        const next = incoming.get(post.id);
        if (next) setState('posts', index, reconcile(next));
        else if (!post.deleted) {
          // Not returned any more: deleted, and this visitor may not see deleted posts.
          setState('posts', index, {
            deleted: true,
            html: '',
            canEdit: false,
            canDelete: false,
            canLike: false,
          });
        }
      }
      if (fresh.length > 0) {
        setState('posts', (posts) => [...posts, ...fresh].sort((x, y) => x.number - y.number));
      }
      view.setPageCount(data.pageCount);
      for (const id of asked.created) {
        const tries = (created.get(id) ?? 0) + 1;
        if (incoming.has(id)) created.delete(id);
        else if (data.pageCount > view.page) {
          // It went to a later page.
          created.delete(id);
          unseen.add(id);
        } else if (tries < 3) {
          created.set(id, tries);
          stale = true;
        } else created.delete(id);
      }
      for (const id of asked.edited) {
        const wanted = edited.get(id);
        const post = incoming.get(id);
        if (!wanted || !post || post.revision >= wanted.revision || wanted.tries >= 2) edited.delete(id);
        else {
          wanted.tries += 1;
          stale = true;
        }
      }
      for (const id of incoming.keys()) unseen.delete(id);
      view.setUnseen(unseen.size);
    });
    const others = fresh.filter((p) => p.author.id !== view.viewerId);
    if (others.length > 0) view.announceNew(others);
    return !stale;
  };

  const open = () => {
    const stream = new EventSource(`/api/v1/topics/${topicId}/live`);
    source = stream;
    const followed = new Set<string>();
    const follow = (type: string) => {
      if (followed.has(type)) return;
      followed.add(type);
      stream.addEventListener(type, (event) => {
        const { postId, revision } = parse(event);
        if (type === 'post.created' && typeof postId === 'number') {
          // Already here (our own reply, or a replay after reconnecting): nothing to fetch.
          if (view.state.posts.some((p) => p.id === postId) || unseen.has(postId)) return;
          if (!created.has(postId)) created.set(postId, 0);
        }
        if (type === 'post.edited' && typeof postId === 'number' && typeof revision === 'number') {
          const shown = view.state.posts.find((p) => p.id === postId);
          if (shown && shown.revision >= revision) return;
          edited.set(postId, { revision, tries: 0 });
        }
        refresh();
      });
    };
    for (const type of topicPageEventTypes) follow(type);
    stream.addEventListener('ready', (event) => {
      refusals = 0;
      const data = parse(event);
      // Listeners added now hear every later message of this stream, reconnections included.
      for (const type of announcedEvents(data)) follow(type);
      const { replyCount } = data;
      // Something happened between this page's rendering and the stream's start, or while no stream was open.
      if (reopened || (typeof replyCount === 'number' && replyCount !== view.state.topic.replyCount)) {
        refresh();
      }
      reopened = false;
    });
    stream.addEventListener('reset', () => refresh());
    stream.addEventListener('presence', (event) => {
      const { composing } = parse(event);
      if (Array.isArray(composing)) view.setComposing(composing as UserRef[]);
    });
    stream.onerror = () => {
      // After a dropped connection the browser reconnects by itself (sending Last-Event-ID).
      // It gives up only when the server refused (e.g. too many streams, or the topic is gone):
      // try again later, a few times, further apart each time.
      if (stream.readyState !== EventSource.CLOSED || closed) return;
      source = null;
      view.setComposing([]);
      refusals += 1;
      if (refusals > 5) return;
      reopened = true;
      retryTimer = setTimeout(open, 15_000 * 2 ** refusals * (0.5 + Math.random()));
    };
  };

  const stop = () => {
    closed = true;
    clearTimeout(retryTimer);
    clearTimeout(refreshTimer);
    source?.close();
    source = null;
    view.setComposing([]);
  };

  let composing = false;
  let lastBeat = 0;
  const sendPresence = (state: 'composing' | 'idle', keepalive = false) => {
    void fetch(`/api/v1/topics/${topicId}/presence`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ state }),
      // Lets the last "idle" go out while the page unloads.
      keepalive,
    }).catch(() => undefined);
  };
  const typing = () => {
    if (closed || view.viewerId === null) return;
    const now = Date.now();
    if (composing && now - lastBeat < heartbeatMs) return;
    composing = true;
    lastBeat = now;
    sendPresence('composing');
  };
  const idle = () => {
    if (!composing) return;
    composing = false;
    lastBeat = 0;
    sendPresence('idle', true);
  };
  const onPageHide = () => idle();
  window.addEventListener('pagehide', onPageHide);

  open();

  return {
    typing,
    idle,
    close() {
      idle();
      stop();
      window.removeEventListener('pagehide', onPageHide);
    },
  };
}
