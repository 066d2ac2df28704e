import { describe, expect, it } from 'vitest';
import type { Actor, Audience } from '../roles';
import type { CategoryAccess, PostingContext, PostState, TopicState } from './forum';
import * as forum from './forum';

// The author of every topic and post below is `author`, an ordinary member.
const actors = {
  guest: null,
  author: { id: 1, role: 'member' },
  member: { id: 2, role: 'member' },
  moderator: { id: 3, role: 'moderator' },
  admin: { id: 4, role: 'admin' },
} satisfies Record<string, Actor>;
const columns = Object.keys(actors) as (keyof typeof actors)[];

const category = (readAudience: Audience, postAudience: Audience): CategoryAccess => ({
  readAudience,
  postAudience,
});
const cat = {
  public: category('guest', 'member'),
  members: category('member', 'member'),
  announcements: category('guest', 'moderator'),
  staff: category('moderator', 'moderator'),
  admins: category('admin', 'admin'),
  guestPosting: category('guest', 'guest'),
};
const topic = (c = cat.public, state: { locked?: boolean; deleted?: boolean } = {}): TopicState => ({
  authorId: 1,
  locked: false,
  deleted: false,
  category: c,
  ...state,
});
const open = topic();
const locked = topic(cat.public, { locked: true });
const deleted = topic(cat.public, { deleted: true });
const post = (t: TopicState = open, isDeleted = false): PostState => ({
  authorId: 1,
  deleted: isDeleted,
  topic: t,
});

// The site rule "confirm your address before posting", on or off, for a confirmed or unconfirmed writer.
const posting = (requireConfirmedEmailToPost: boolean, emailConfirmed: boolean): PostingContext => ({
  requireConfirmedEmailToPost,
  emailConfirmed,
});
const ruleOn = { unconfirmed: posting(true, false), confirmed: posting(true, true) };
const ruleOff = { unconfirmed: posting(false, false) };

// Records which policies the matrix calls, to prove that it covers all of them.
const called = new Set<string>();
const policy = new Proxy(forum, {
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
  ['✓ ✓ ✓ ✓ ✓', 'read',      'public category',                         (a) => policy.canReadCategory(a, cat.public)],
  ['· ✓ ✓ ✓ ✓', 'read',      'members-only category',                   (a) => policy.canReadCategory(a, cat.members)],
  ['✓ ✓ ✓ ✓ ✓', 'read',      'announcements category',                  (a) => policy.canReadCategory(a, cat.announcements)],
  ['· · · ✓ ✓', 'read',      'staff category',                          (a) => policy.canReadCategory(a, cat.staff)],
  ['· · · · ✓', 'read',      'admin-only category',                     (a) => policy.canReadCategory(a, cat.admins)],
  ['✓ ✓ ✓ ✓ ✓', 'read',      'open topic',                              (a) => policy.canReadTopic(a, open)],
  ['✓ ✓ ✓ ✓ ✓', 'read',      'locked topic',                            (a) => policy.canReadTopic(a, locked)],
  ['· · · ✓ ✓', 'read',      'deleted topic',                           (a) => policy.canReadTopic(a, deleted)],
  ['· ✓ ✓ ✓ ✓', 'read',      'topic in members-only category',          (a) => policy.canReadTopic(a, topic(cat.members))],
  ['· · · ✓ ✓', 'read',      'topic in staff category',                 (a) => policy.canReadTopic(a, topic(cat.staff))],
  ['· · · · ✓', 'read',      'deleted topic in admin-only category',    (a) => policy.canReadTopic(a, topic(cat.admins, { deleted: true }))],
  ['· ✓ ✓ ✓ ✓', 'create',    'topic in public category',                (a) => policy.canCreateTopic(a, cat.public)],
  ['· ✓ ✓ ✓ ✓', 'create',    'topic in members-only category',          (a) => policy.canCreateTopic(a, cat.members)],
  ['· ✓ ✓ ✓ ✓', 'create',    'topic where guests may post (sign in!)',  (a) => policy.canCreateTopic(a, cat.guestPosting)],
  ['· · · ✓ ✓', 'create',    'topic in announcements category',         (a) => policy.canCreateTopic(a, cat.announcements)],
  ['· · · ✓ ✓', 'create',    'topic in staff category',                 (a) => policy.canCreateTopic(a, cat.staff)],
  ['· · · · ✓', 'create',    'topic in admin-only category',            (a) => policy.canCreateTopic(a, cat.admins)],
  ['· · · ✓ ✓', 'create',    'topic, unconfirmed address, rule on',     (a) => policy.canCreateTopic(a, cat.public, ruleOn.unconfirmed)],
  ['· ✓ ✓ ✓ ✓', 'create',    'topic, confirmed address, rule on',       (a) => policy.canCreateTopic(a, cat.public, ruleOn.confirmed)],
  ['· ✓ ✓ ✓ ✓', 'create',    'topic, unconfirmed address, rule off',    (a) => policy.canCreateTopic(a, cat.public, ruleOff.unconfirmed)],
  ['· · · ✓ ✓', 'create',    'announcement, confirmed address, rule on', (a) => policy.canCreateTopic(a, cat.announcements, ruleOn.confirmed)],
  ['· ✓ ✓ ✓ ✓', 'reply',     'open topic',                              (a) => policy.canReply(a, open)],
  ['· · · ✓ ✓', 'reply',     'open topic, unconfirmed address, rule on', (a) => policy.canReply(a, open, ruleOn.unconfirmed)],
  ['· ✓ ✓ ✓ ✓', 'reply',     'open topic, confirmed address, rule on',  (a) => policy.canReply(a, open, ruleOn.confirmed)],
  ['· ✓ ✓ ✓ ✓', 'reply',     'open topic, unconfirmed address, rule off', (a) => policy.canReply(a, open, ruleOff.unconfirmed)],
  ['· · · ✓ ✓', 'reply',     'locked topic, confirmed address, rule on', (a) => policy.canReply(a, locked, ruleOn.confirmed)],
  ['· · · ✓ ✓', 'reply',     'locked topic',                            (a) => policy.canReply(a, locked)],
  ['· · · · ·', 'reply',     'deleted topic',                           (a) => policy.canReply(a, deleted)],
  ['· ✓ ✓ ✓ ✓', 'reply',     'topic in members-only category',          (a) => policy.canReply(a, topic(cat.members))],
  ['· · · ✓ ✓', 'reply',     'topic in announcements category',         (a) => policy.canReply(a, topic(cat.announcements))],
  ['· · · · ✓', 'reply',     'topic in admin-only category',            (a) => policy.canReply(a, topic(cat.admins))],
  ['· ✓ · ✓ ✓', 'edit',      'post in open topic',                      (a) => policy.canEditPost(a, post())],
  ['· · · ✓ ✓', 'edit',      'post, unconfirmed address, rule on',      (a) => policy.canEditPost(a, post(), ruleOn.unconfirmed)],
  ['· ✓ · ✓ ✓', 'edit',      'post, confirmed address, rule on',        (a) => policy.canEditPost(a, post(), ruleOn.confirmed)],
  ['· · · ✓ ✓', 'edit',      'post in locked topic',                    (a) => policy.canEditPost(a, post(locked))],
  ['· · · ✓ ✓', 'edit',      'post in deleted topic',                   (a) => policy.canEditPost(a, post(deleted))],
  ['· · · ✓ ✓', 'edit',      'deleted post',                            (a) => policy.canEditPost(a, post(open, true))],
  ['· · · · ✓', 'edit',      'post in admin-only category',             (a) => policy.canEditPost(a, post(topic(cat.admins)))],
  ['· ✓ · ✓ ✓', 'delete',    'post in open topic',                      (a) => policy.canDeletePost(a, post())],
  ['· ✓ · ✓ ✓', 'delete',    'post in locked topic',                    (a) => policy.canDeletePost(a, post(locked))],
  ['· · · ✓ ✓', 'delete',    'post in deleted topic',                   (a) => policy.canDeletePost(a, post(deleted))],
  ['· · · · ·', 'delete',    'already deleted post',                    (a) => policy.canDeletePost(a, post(open, true))],
  ['· · · · ✓', 'delete',    'post in admin-only category',             (a) => policy.canDeletePost(a, post(topic(cat.admins)))],
  ['· · · ✓ ✓', 'restore',   'deleted post',                            (a) => policy.canRestorePost(a, post(open, true))],
  ['· · · ✓ ✓', 'restore',   'deleted post in deleted topic',           (a) => policy.canRestorePost(a, post(deleted, true))],
  ['· · · · ·', 'restore',   'post that is not deleted',                (a) => policy.canRestorePost(a, post())],
  ['· · · · ✓', 'restore',   'deleted post in admin-only category',     (a) => policy.canRestorePost(a, post(topic(cat.admins), true))],
  ['· · ✓ ✓ ✓', 'like',      'post in open topic (not your own)',       (a) => policy.canLikePost(a, post())],
  ['· · ✓ ✓ ✓', 'like',      'post in locked topic',                    (a) => policy.canLikePost(a, post(locked))],
  ['· · ✓ ✓ ✓', 'like',      'post in announcements category',          (a) => policy.canLikePost(a, post(topic(cat.announcements)))],
  ['· · · ✓ ✓', 'like',      'post in deleted topic',                   (a) => policy.canLikePost(a, post(deleted))],
  ['· · · · ·', 'like',      'deleted post',                            (a) => policy.canLikePost(a, post(open, true))],
  ['· · · · ✓', 'like',      'post in admin-only category',             (a) => policy.canLikePost(a, post(topic(cat.admins)))],
  ['· · · ✓ ✓', 'revisions', 'view a post\'s edit history',             (a) => policy.canViewRevisions(a)],
  ['· · · ✓ ✓', 'revisions', 'see deleted topics and posts',            (a) => policy.canSeeDeleted(a)],
  ['· ✓ ✓ · ·', 'confirm',   'address before posting, rule on',         (a) => policy.mustConfirmEmailToPost(a, ruleOn.unconfirmed)],
  ['· · · · ·', 'confirm',   'address already confirmed, rule on',      (a) => policy.mustConfirmEmailToPost(a, ruleOn.confirmed)],
  ['· · · · ·', 'confirm',   'address, rule off',                       (a) => policy.mustConfirmEmailToPost(a, ruleOff.unconfirmed)],
  ['· · · · ·', 'confirm',   'address, no rules given',                 (a) => policy.mustConfirmEmailToPost(a, undefined)],
  ['· · · · ✓', 'manage',    'categories',                              (a) => policy.canManageCategories(a)],
  ['· · · · ✓', 'manage',    'users',                                   (a) => policy.canManageUsers(a)],
  ['· · · · ✓', 'manage',    'site settings',                           (a) => policy.canManageSettings(a)],
];

describe('forum policies: role × action matrix', () => {
  it.each(matrix)('%s  %s: %s', (expected, _action, _situation, check) => {
    const actual = columns.map((column) => (check(actors[column]) ? '✓' : '·')).join(' ');
    expect(actual).toBe(expected);
  });

  it('covers every policy exported by forum.ts', () => {
    const policies = Object.entries(forum)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    expect(policies.filter((name) => !called.has(name))).toEqual([]);
  });
});
