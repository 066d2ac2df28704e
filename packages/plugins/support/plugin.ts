import { fileURLToPath } from 'node:url';
import { definePlugin } from '@parvis/plugin-sdk';
import { questionStatuses } from './domain/answers';
import type { SupportTopicData } from './domain/data';
import { answerEvents } from './domain/events';
import { canAcceptAnswer, canClaimQuestion, canConfigureQa, canViewQueue } from './domain/policies';
import { followAcceptedPost } from './server/commands';
import { addDemoContent } from './server/demo';
import { supportMessages } from './server/messages';
import { notifyAnswerer } from './server/notifications';
import { categoryData, searchFields, statusCondition, topicData, topicDataAsMember } from './server/queries';
import { supportOperations, supportRoutes } from './server/routes';

/**
 * Support: in Q&A categories a topic is a question. Its author (or staff) accepts one reply as
 * the answer; lists show and filter solved, unsolved and unanswered questions; search marks
 * solved ones and indexes their answer; staff work through a queue of open questions and
 * claim the ones they handle ("I'm on it").
 *
 * API, under /api/v1/plugins/support:
 *   PUT    /categories/:id        { qa }              admins mark a category as Q&A
 *   PUT    /topics/:id/answer     { postId }          accept (or change) the answer
 *   DELETE /topics/:id/answer                         undo it
 *   PUT    /topics/:id/claim      { force? }          "I'm on it" (409 if someone else is, unless force)
 *   DELETE /topics/:id/claim                          release
 *   GET    /queue?category=&limit=                    staff: open questions, longest waiting first
 * Topic lists: GET /api/v1/topics?status=solved|unsolved|unanswered
 */
export default definePlugin({
  id: 'support',
  description: 'Q&A categories: accepted answers, solved filters, a staff queue and "I’m on it" claims.',
  messages: supportMessages,
  migrationsFolder: fileURLToPath(new URL('./db/migrations', import.meta.url)),
  routes: supportRoutes,
  operations: supportOperations,
  policies: { canAcceptAnswer, canClaimQuestion, canViewQueue, canConfigureQa },
  listeners: {
    'answer.accepted': notifyAnswerer,
    'post.deleted': (event, { tx }) => followAcceptedPost(tx, event.payload.postId, event.actorId, 'deleted'),
    'post.restored': (event, { tx }) =>
      followAcceptedPost(tx, event.payload.postId, event.actorId, 'restored'),
  },
  notificationKinds: { answer_accepted: { email: true } },
  topics: {
    data: topicData,
    dataAsMember: (data, member, topic) => topicDataAsMember(data as SupportTopicData, member, topic),
    filters: {
      status: {
        values: questionStatuses,
        where: (value) => statusCondition(value as (typeof questionStatuses)[number]),
      },
    },
    searchFields,
    reindexOn: answerEvents,
    // An accepted answer and "I'm on it" show on the question's page as they happen.
    liveEvents: [...answerEvents, 'question.claimed', 'question.released'],
  },
  categories: { data: (db, ids) => categoryData(db, ids) },
  demo: addDemoContent,
});
