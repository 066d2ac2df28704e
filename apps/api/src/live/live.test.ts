import { definePlugin } from '@parvis/plugin-sdk';
import support from '@parvis/plugin-support';
import { describe, expect, it } from 'vitest';
import { collectExtensions } from '../plugins/extensions';
import { selectPlugins } from '../plugins/host';
import { formatSse, liveData, topicStreamEvents } from './hub';
import { PresenceBoard, parsePresenceNotice } from './presence';
import { parseLastEventId } from './routes';

describe('what a topic stream says about an event', () => {
  it('keeps ids and revision numbers only', () => {
    expect(
      liveData({ type: 'post.edited', payload: { topicId: 3, postId: 9, revision: 2, body: 'secret' } }),
    ).toEqual({ topicId: 3, postId: 9, revision: 2 });
    expect(
      liveData({
        type: 'answer.accepted',
        payload: { topicId: 3, postId: 9, acceptedById: 4, note: 'text', extra: { postId: 1 } },
      }),
    ).toEqual({ topicId: 3, postId: 9, acceptedById: 4 });
  });

  it('ignores events without a topic, and odd type names', () => {
    expect(liveData({ type: 'user.registered', payload: { userId: 1 } })).toBeNull();
    expect(liveData({ type: 'bad\nevent: x', payload: { topicId: 1 } })).toBeNull();
    expect(liveData({ type: 'post.created', payload: { topicId: '1' } })).toBeNull();
    expect(liveData({ type: 'post.created', payload: null })).toBeNull();
  });

  it("forwards the core's page events and the enabled plugins' declared ones, nothing else", () => {
    const core = topicStreamEvents();
    expect(core).toContain('post.created');
    expect(core).toContain('topic.deleted');
    expect(core).not.toContain('user.mentioned');
    expect(core).not.toContain('answer.accepted');

    // Support enabled: its answer and claim events are forwarded, once each.
    const enabled = collectExtensions(selectPlugins(undefined));
    const withSupport = topicStreamEvents(enabled.topicLiveEvents);
    expect(withSupport).toEqual(expect.arrayContaining([...core, 'answer.accepted', 'answer.unaccepted']));
    expect(withSupport).toContain('question.claimed');
    expect(new Set(withSupport).size).toBe(withSupport.length);
    expect(collectExtensions([support]).topicLiveEvents).toContain('answer.accepted');

    // Support disabled: nothing of it reaches a stream.
    const without = collectExtensions(selectPlugins('faq,welcome')).topicLiveEvents;
    expect(without).not.toContain('answer.accepted');
    expect(topicStreamEvents(without)).toEqual(core);
  });

  it('refuses to start with a live event name that could break the stream', () => {
    const odd = definePlugin({
      id: 'odd',
      description: 'Declares a bad live event.',
      topics: { liveEvents: ['bad\nevent: x' as never] },
    });
    expect(() => collectExtensions([odd])).toThrow(/invalid live event type/);
  });

  it('formats one message per block, data on one line', () => {
    expect(formatSse({ event: 'post.created', data: { text: 'a\nb' }, id: 7 })).toBe(
      'event: post.created\ndata: {"text":"a\\nb"}\nid: 7\n\n',
    );
    expect(formatSse({ retry: 3000 })).toBe('retry: 3000\n\n');
  });

  it('reads Last-Event-ID only when it is one of our ids', () => {
    expect(parseLastEventId('42')).toBe(42);
    expect(parseLastEventId(undefined)).toBeNull();
    expect(parseLastEventId('-1')).toBeNull();
    expect(parseLastEventId('1e9')).toBeNull();
    expect(parseLastEventId('9'.repeat(40))).toBeNull();
  });
});

describe('presence board', () => {
  const sam = { id: 1, username: 'sam', displayName: 'Sam' };
  const lea = { id: 2, username: 'lea', displayName: 'Léa' };

  it('lists who is composing until their heartbeat lapses', () => {
    const board = new PresenceBoard(30_000);
    expect(board.apply(10, sam, 'composing', 0)).toBe(true);
    expect(board.apply(10, sam, 'composing', 10_000)).toBe(false);
    expect(board.apply(10, lea, 'composing', 20_000)).toBe(true);
    expect(board.list(10, 35_000)).toEqual([sam, lea]);
    expect(board.sweep(45_000)).toEqual([10]);
    expect(board.list(10, 45_000)).toEqual([lea]);
    expect(board.apply(10, lea, 'idle')).toBe(true);
    expect(board.list(10)).toEqual([]);
    expect(board.size).toBe(0);
  });

  it('bounds how many it keeps per topic', () => {
    const board = new PresenceBoard(30_000, 2);
    board.apply(1, sam, 'composing');
    board.apply(1, lea, 'composing');
    expect(board.apply(1, { id: 3, username: 'x', displayName: 'X' }, 'composing')).toBe(false);
    expect(board.list(1)).toHaveLength(2);
  });

  it('trusts no malformed notice from the channel', () => {
    const good = { from: 'abc', topicId: 1, state: 'composing', user: sam };
    expect(parsePresenceNotice(JSON.stringify(good))).toEqual(good);
    expect(parsePresenceNotice('not json')).toBeNull();
    expect(parsePresenceNotice(JSON.stringify({ ...good, state: 'dancing' }))).toBeNull();
    expect(parsePresenceNotice(JSON.stringify({ ...good, topicId: -1 }))).toBeNull();
    expect(parsePresenceNotice(JSON.stringify({ ...good, user: { id: 1 } }))).toBeNull();
    expect(parsePresenceNotice('null')).toBeNull();
  });
});
