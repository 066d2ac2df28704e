import { describe, expect, it } from 'vitest';
import { announcedEvents } from './topic-live';

describe('the event types a topic stream announces', () => {
  it("follows what the stream's ready message lists, ignoring anything odd", () => {
    expect(announcedEvents({ replyCount: 2, events: ['post.created', 'answer.accepted'] })).toEqual([
      'post.created',
      'answer.accepted',
    ]);
    // A server without the plugin does not list its events: the page does not follow them.
    expect(announcedEvents({ replyCount: 0, events: ['post.created'] })).not.toContain('answer.accepted');
    expect(announcedEvents({ replyCount: 0 })).toEqual([]);
    expect(announcedEvents({ events: 'answer.accepted' })).toEqual([]);
    expect(
      announcedEvents({ events: [1, null, 'bad\nevent: x', 'x'.repeat(65), 'question.claimed'] }),
    ).toEqual(['question.claimed']);
  });
});
