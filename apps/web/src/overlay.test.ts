import { describe, expect, it } from 'vitest';
import { changesBetween, withChanges } from './overlay';

const shared = {
  routeId: 'topic',
  data: {
    topic: { id: 7, title: 'Printer offline', canReply: true },
    posts: [
      { id: 1, likedByMe: false, canLike: true, canEdit: false, html: '<p>It says offline.</p>' },
      { id: 2, likedByMe: false, canLike: true, canEdit: false, html: '<p>Restart it.</p>' },
    ],
  },
  slots: { 'support:post.actions': { canAccept: false } },
};

describe('page overlays', () => {
  it('names only the leaves that differ, and rebuilds the viewer’s page from them', () => {
    const own = structuredClone(shared);
    own.data.posts[0]!.canEdit = true;
    own.data.posts[0]!.canLike = false;
    own.data.posts[1]!.likedByMe = true;
    own.slots['support:post.actions'].canAccept = true;
    const changes = changesBetween(shared, own);
    expect(changes).toEqual([
      { path: ['data', 'posts', 0, 'canLike'], value: false },
      { path: ['data', 'posts', 0, 'canEdit'], value: true },
      { path: ['data', 'posts', 1, 'likedByMe'], value: true },
      { path: ['slots', 'support:post.actions', 'canAccept'], value: true },
    ]);
    // Changes travel as JSON in the page.
    expect(withChanges(shared, JSON.parse(JSON.stringify(changes)))).toEqual(own);
  });

  it('replaces what changed shape, adds and removes keys, and leaves the shared page untouched', () => {
    const before = structuredClone(shared);
    const own = {
      ...structuredClone(shared),
      data: {
        topic: { id: 7, title: 'Printer offline', claim: { by: 'me' } },
        posts: [shared.data.posts[0]],
      },
    };
    const changes = JSON.parse(JSON.stringify(changesBetween(shared, own)));
    expect(changes).toContainEqual({ path: ['data', 'topic', 'canReply'] });
    expect(changes).toContainEqual({ path: ['data', 'posts'], value: own.data.posts });
    expect(withChanges(shared, changes)).toEqual(own);
    expect(shared).toEqual(before);
  });

  it('finds nothing to change between equal pages', () => {
    expect(changesBetween(shared, structuredClone(shared))).toEqual([]);
    expect(withChanges(shared, [])).toEqual(shared);
  });
});
