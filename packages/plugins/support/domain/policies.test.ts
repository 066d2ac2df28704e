import type { Actor } from '@parvis/domain';
import { describe, expect, it } from 'vitest';
import { unacceptableReason } from './answers';
import type { QuestionState } from './policies';
import * as support from './policies';

// The author of every question below is `author`, an ordinary member.
const actors = {
  guest: null,
  author: { id: 1, role: 'member' },
  member: { id: 2, role: 'member' },
  moderator: { id: 3, role: 'moderator' },
  admin: { id: 4, role: 'admin' },
} satisfies Record<string, Actor>;
const columns = Object.keys(actors) as (keyof typeof actors)[];

const question = (state: Partial<QuestionState> = {}): QuestionState => ({
  authorId: 1,
  qa: true,
  locked: false,
  deleted: false,
  ...state,
});
const open = question();
const locked = question({ locked: true });
const deleted = question({ deleted: true });
const notQa = question({ qa: false });

// Records which policies the matrix calls, to prove that it covers all of them.
const called = new Set<string>();
const policy = new Proxy(support, {
  get(target, name) {
    called.add(String(name));
    return Reflect.get(target, name);
  },
});

type Row = [expected: string, action: string, situation: string, check: (actor: Actor) => boolean];

// ✓ allowed · refused.  Columns: guest, author (a member), other member, moderator, admin.
// biome-ignore format: kept aligned so the matrix reads as a table
const matrix: Row[] = [
  // g a m M A
  ['· ✓ · ✓ ✓', 'accept',    'answer to an open question',              (a) => policy.canAcceptAnswer(a, open)],
  ['· · · ✓ ✓', 'accept',    'answer to a locked question',             (a) => policy.canAcceptAnswer(a, locked)],
  ['· · · · ·', 'accept',    'answer to a deleted question',            (a) => policy.canAcceptAnswer(a, deleted)],
  ['· · · · ·', 'accept',    'answer outside Q&A categories',           (a) => policy.canAcceptAnswer(a, notQa)],
  ['· · · ✓ ✓', 'claim',     'open question ("I’m on it")',             (a) => policy.canClaimQuestion(a, open)],
  ['· · · ✓ ✓', 'claim',     'locked question',                         (a) => policy.canClaimQuestion(a, locked)],
  ['· · · · ·', 'claim',     'deleted question',                        (a) => policy.canClaimQuestion(a, deleted)],
  ['· · · · ·', 'claim',     'topic outside Q&A categories',            (a) => policy.canClaimQuestion(a, notQa)],
  ['· · · ✓ ✓', 'view',      'queue of open questions',                 (a) => policy.canViewQueue(a)],
  ['· · · · ✓', 'configure', 'which categories are Q&A',                (a) => policy.canConfigureQa(a)],
];

describe('support policies: role × action matrix', () => {
  it.each(matrix)('%s  %s: %s', (expected, _action, _situation, check) => {
    const actual = columns.map((column) => (check(actors[column]) ? '✓' : '·')).join(' ');
    expect(actual).toBe(expected);
  });

  it('covers every policy exported by policies.ts', () => {
    const policies = Object.entries(support)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    expect(policies.filter((name) => !called.has(name))).toEqual([]);
  });
});

describe('which replies can be accepted', () => {
  it('only a live reply of the same question', () => {
    expect(unacceptableReason({ topicId: 7, number: 2, deleted: false }, 7)).toBeNull();
    expect(unacceptableReason(null, 7)).toBe('support.field.post_missing');
    expect(unacceptableReason({ topicId: 8, number: 2, deleted: false }, 7)).toBe(
      'support.field.post_other_topic',
    );
    expect(unacceptableReason({ topicId: 7, number: 1, deleted: false }, 7)).toBe(
      'support.field.post_opening',
    );
    expect(unacceptableReason({ topicId: 7, number: 3, deleted: true }, 7)).toBe(
      'support.field.post_deleted',
    );
  });
});
