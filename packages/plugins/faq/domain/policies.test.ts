import type { Actor } from '@parvis/domain';
import { describe, expect, it } from 'vitest';
import {
  canPromoteTopic,
  canReadArticle,
  canSeeFaqInsights,
  canSeeVoteDetails,
  canViewArticleHistory,
  canVoteOnArticle,
  canWriteFaq,
} from './policies';

const actors: Record<string, Actor> = {
  guest: null,
  member: { id: 1, role: 'member' },
  moderator: { id: 2, role: 'moderator' },
  admin: { id: 3, role: 'admin' },
};
const published = { status: 'published' as const };
const draft = { status: 'draft' as const };

// Role × action: who may do what with the FAQ.
const matrix: [string, (actor: Actor) => boolean, Record<string, boolean>][] = [
  ['write articles', canWriteFaq, { guest: false, member: false, moderator: true, admin: true }],
  [
    'read a published article',
    (a) => canReadArticle(a, published),
    { guest: true, member: true, moderator: true, admin: true },
  ],
  [
    'read a draft',
    (a) => canReadArticle(a, draft),
    { guest: false, member: false, moderator: true, admin: true },
  ],
  ['read the history', canViewArticleHistory, { guest: false, member: false, moderator: true, admin: true }],
  [
    'vote on a published article',
    (a) => canVoteOnArticle(a, published),
    { guest: true, member: true, moderator: true, admin: true },
  ],
  [
    'vote on a draft',
    (a) => canVoteOnArticle(a, draft),
    { guest: false, member: false, moderator: false, admin: false },
  ],
  ['see vote details', canSeeVoteDetails, { guest: false, member: false, moderator: true, admin: true }],
  ['promote a topic', canPromoteTopic, { guest: false, member: false, moderator: true, admin: true }],
  [
    'see deflection insights',
    canSeeFaqInsights,
    { guest: false, member: false, moderator: true, admin: true },
  ],
];

describe('FAQ policies', () => {
  for (const [action, policy, expected] of matrix) {
    it(action, () => {
      const actual = Object.fromEntries(Object.entries(actors).map(([name, actor]) => [name, policy(actor)]));
      expect(actual).toEqual(expected);
    });
  }
});
