import { type Database, posts, type Queryable, topics } from '@parvis/db';
import type { DemoCommunity } from '@parvis/plugin-sdk';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { acceptAnswer, claimQuestion, setQaCategory } from './commands';

interface DemoQuestion {
  category: 'entraide' | 'help';
  author: string;
  title: string;
  body: string;
  replies: [author: string, body: string][];
  /** Index in `replies` of the accepted answer. */
  accepted?: number;
  claimedBy?: string;
}

const questions: DemoQuestion[] = [
  {
    category: 'entraide',
    author: 'hugo',
    title: 'Comment ajouter mon logo sur les devis ?',
    body: 'Bonjour,\n\nMes devis partent sans logo. Où puis-je l’ajouter pour qu’il apparaisse en haut de chaque document ?',
    replies: [
      [
        'lea',
        'Bonjour Hugo ! Allez dans **Paramètres → Documents → Logo**, importez une image PNG ou SVG (500 Ko au plus) : elle apparaît sur tous les devis et factures créés ensuite.',
      ],
      ['hugo', 'Trouvé, c’est parfait. Merci Léa !'],
    ],
    accepted: 0,
  },
  {
    category: 'entraide',
    author: 'amelie',
    title: 'Changer l’adresse e-mail de mon compte',
    body: 'Je change de fournisseur de messagerie. Comment modifier l’adresse e-mail liée à mon compte sans perdre mes données ?',
    replies: [
      [
        'hugo',
        'Dans **Mon compte → Profil**, cliquez sur *Modifier l’adresse* : un lien de confirmation part vers la nouvelle adresse, rien n’est perdu.',
      ],
      ['amelie', 'C’est fait, merci Hugo !'],
    ],
    accepted: 0,
  },
  {
    category: 'entraide',
    author: 'amelie',
    title: 'Les rappels de rendez-vous par SMS sont-ils payants ?',
    body: 'J’aimerais envoyer des rappels par SMS à mes clients la veille de leur rendez-vous. Est-ce inclus dans l’abonnement ou facturé à part ?',
    replies: [],
  },
  {
    category: 'entraide',
    author: 'hugo',
    title: 'Import de clients depuis Excel : des colonnes sont ignorées',
    body: 'J’importe mon fichier clients (.xlsx) mais les colonnes *Téléphone* et *Ville* restent vides après l’import. Une idée ?',
    replies: [['amelie', 'Même souci chez moi, je suis preneuse d’une solution.']],
  },
  {
    category: 'help',
    author: 'tom',
    title: 'How do I change the currency on my invoices?',
    body: 'Our invoices show euros, but some customers pay in pounds. Can I change the currency per invoice?',
    replies: [
      [
        'sam',
        'Yes: open the invoice, choose **Options → Currency** and pick one. The default for new invoices is under **Settings → Billing → Default currency**.',
      ],
      ['tom', 'Exactly what I needed, thanks Sam.'],
    ],
    accepted: 0,
  },
  {
    category: 'help',
    author: 'priya',
    title: 'Can I restore a deleted project?',
    body: 'A colleague deleted a project by mistake this morning. Is there any way to get it back?',
    replies: [
      [
        'sam',
        'Deleted projects stay in the trash for 30 days: go to **Projects → Trash**, select it and click **Restore**. Everything comes back, tasks and files included.',
      ],
      ['priya', 'Restored, thank you so much!'],
    ],
    accepted: 0,
  },
  {
    category: 'help',
    author: 'tom',
    title: 'Two-factor authentication codes are rejected',
    body: 'Since yesterday my authenticator app codes are refused at sign-in, although they look right. What can I do?',
    replies: [],
    claimedBy: 'sam',
  },
  {
    category: 'help',
    author: 'priya',
    title: 'Show my appointments in Google Calendar',
    body: 'Is there a way to see my appointments in Google Calendar, even read-only?',
    replies: [['tom', 'I would like to know too — following.']],
  },
];

/** Marks the demo's help categories as Q&A and adds questions, some solved, some open, one claimed. */
export async function addDemoContent(tx: Queryable, community: DemoCommunity) {
  // The demo runs in the seed's transaction; commands nest their own (savepoints) inside it.
  const db = tx as unknown as Database;
  const actor = (username: string) => {
    const user = community.users[username]!;
    return { id: user.id, role: user.role };
  };
  for (const slug of ['entraide', 'help']) {
    const categoryId = community.categories[slug];
    if (categoryId !== undefined) await setQaCategory(db, actor('admin'), categoryId, true);
  }
  await acceptThankedAnswers(db, community);
  for (const question of questions) {
    if (community.categories[question.category] === undefined) continue;
    const { topicId } = await community.createTopic(question.author, question);
    const replyIds: number[] = [];
    for (const [author, body] of question.replies) {
      replyIds.push((await community.createReply(author, topicId, body)).postId);
    }
    if (question.accepted !== undefined) {
      await acceptAnswer(db, actor(question.author), topicId, replyIds[question.accepted]!);
    }
    if (question.claimedBy) await claimQuestion(db, actor(question.claimedBy), topicId, false);
  }
}

/**
 * The core demo's help threads where the asker came back last to say it worked: the reply just
 * before their thanks becomes the accepted answer, as the asker would have marked it.
 */
async function acceptThankedAnswers(db: Database, community: DemoCommunity) {
  const categoryIds = ['entraide', 'help'].flatMap((slug) => community.categories[slug] ?? []);
  if (categoryIds.length === 0) return;
  const rows = await db
    .select({ topicId: topics.id, askerId: topics.authorId, postId: posts.id, authorId: posts.authorId })
    .from(posts)
    .innerJoin(topics, eq(topics.id, posts.topicId))
    .where(and(inArray(topics.categoryId, categoryIds), isNull(posts.deletedAt)))
    .orderBy(asc(posts.topicId), asc(posts.number));
  const threads = new Map<number, typeof rows>();
  for (const row of rows) threads.set(row.topicId, [...(threads.get(row.topicId) ?? []), row]);
  const roles = new Map(Object.values(community.users).map((user) => [user.id, user.role]));
  for (const [topicId, thread] of threads) {
    const last = thread.at(-1)!;
    if (thread.length < 3 || last.authorId !== last.askerId) continue;
    const answer = thread.slice(1, -1).findLast((post) => post.authorId !== last.askerId);
    if (!answer) continue;
    await acceptAnswer(
      db,
      { id: last.askerId, role: roles.get(last.askerId) ?? 'member' },
      topicId,
      answer.postId,
    );
  }
}
