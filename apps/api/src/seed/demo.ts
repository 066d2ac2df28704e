import { type Database, events, posts, topics, users } from '@parvis/db';
import type { Role } from '@parvis/domain';
import type { DemoCommunity, PluginDefinition } from '@parvis/plugin-sdk';
import { count, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/password';
import { createCategory, createReply, createTopic, setLike } from '../forum/commands';

export const demoAdmin = { username: 'admin', password: 'parvis-admin' };
export const demoMemberPassword = 'parvis-demo';

const people: { username: string; displayName: string; role: Role; locale: 'en' | 'fr' }[] = [
  { username: 'admin', displayName: 'Camille (admin)', role: 'admin', locale: 'fr' },
  { username: 'lea', displayName: 'Léa Martin', role: 'moderator', locale: 'fr' },
  { username: 'sam', displayName: 'Sam Okafor', role: 'moderator', locale: 'en' },
  { username: 'hugo', displayName: 'Hugo Lefèvre', role: 'member', locale: 'fr' },
  { username: 'amelie', displayName: 'Amélie Roy', role: 'member', locale: 'fr' },
  { username: 'priya', displayName: 'Priya Shah', role: 'member', locale: 'en' },
  { username: 'tom', displayName: 'Tom Becker', role: 'member', locale: 'en' },
];

type Thread = {
  category: string;
  author: string;
  title: string;
  body: string;
  replies: [string, string][];
  likes?: string[];
};

const threads: Thread[] = [
  {
    category: 'annonces',
    author: 'admin',
    title: 'Bienvenue sur la communauté Parvis ! / Welcome!',
    body: 'Bonjour à toutes et à tous 👋\n\nCet espace sert à **s’entraider**, partager des idées et suivre les nouveautés.\n\n- Cherchez avant de poser une question : la réponse existe peut-être déjà.\n- Soyez bienveillants.\n- Les modératrices et modérateurs sont là pour vous aider : @lea et @sam.\n\n*English speakers are welcome too — see the Help & How-to category.*',
    replies: [['sam', 'Welcome everyone — ask away in *Help & How-to* if you prefer English.']],
    likes: ['hugo', 'amelie', 'priya'],
  },
  {
    category: 'entraide',
    author: 'hugo',
    title: 'Comment exporter mes factures en PDF ?',
    body: 'Bonjour,\n\nJe cherche à exporter toutes mes factures de l’année en **PDF** pour ma comptable. Je ne trouve que l’export CSV.\n\nUne idée ?',
    replies: [
      [
        'lea',
        'Bonjour Hugo ! Dans **Facturation → Historique**, cochez les factures voulues puis choisissez *Télécharger (PDF groupé)*. Vous recevez une archive ZIP.',
      ],
      ['hugo', 'Parfait, ça marche. Merci @lea !'],
    ],
    likes: ['hugo', 'amelie'],
  },
  {
    category: 'entraide',
    author: 'amelie',
    title: 'Mot de passe oublié : je ne reçois pas l’e-mail de réinitialisation',
    body: 'J’ai demandé trois fois la réinitialisation de mon mot de passe, mais aucun e-mail n’arrive (j’ai vérifié les indésirables).',
    replies: [
      [
        'sam',
        'Hi Amélie — could you check that the address on your account is the one you are looking at? Some company filters also hold messages for a few minutes.',
      ],
      [
        'lea',
        'Amélie, je vous ai écrit en privé pour vérifier votre adresse. En général, ajouter *no-reply@parvis.example* aux contacts règle le problème.',
      ],
      ['amelie', 'C’était bien le filtre de l’entreprise. Tout est rentré dans l’ordre, merci à vous deux !'],
    ],
    likes: ['amelie'],
  },
  {
    category: 'entraide',
    author: 'hugo',
    title: 'Synchronisation du calendrier avec Outlook',
    body: 'Est-il possible de synchroniser les rendez-vous avec un calendrier **Outlook** ? Idéalement dans les deux sens.',
    replies: [['amelie', 'Je me pose la même question, ça m’intéresse aussi.']],
  },
  {
    category: 'help',
    author: 'priya',
    title: 'How do I invite my team members?',
    body: 'We just started a workspace and I would like to invite five colleagues. Where do I find the invitation settings?',
    replies: [
      [
        'sam',
        'Go to **Settings → Team → Invite**. You can paste several email addresses at once; each person gets a link valid for 7 days.',
      ],
      ['priya', 'Found it, thanks @sam! Invitations sent.'],
    ],
    likes: ['priya', 'tom'],
  },
  {
    category: 'help',
    author: 'tom',
    title: 'Installation fails on Windows with error 0x80070005',
    body: 'The desktop installer stops at 40 % with:\n\n```\nError 0x80070005: access denied\n```\n\nI am an administrator on this machine. Any ideas?',
    replies: [
      [
        'sam',
        'That code usually means the antivirus is blocking the installer. Try running it with **Run as administrator** and pausing real-time protection for the installation.',
      ],
      ['tom', 'Pausing the antivirus did it. Installation completed.'],
    ],
    likes: ['tom'],
  },
  {
    category: 'help',
    author: 'priya',
    title: 'Is there a keyboard shortcut to search?',
    body: 'I use the search a lot. Is there a shortcut to focus the search box?',
    replies: [],
  },
  {
    category: 'idees',
    author: 'amelie',
    title: 'Idée : un mode sombre pour l’application',
    body: 'Je travaille souvent le soir : un **mode sombre** serait très agréable pour les yeux. Qui est partant ?',
    replies: [
      ['hugo', 'Oui ! +1'],
      ['priya', 'Dark mode please — from the English-speaking side too 🙂'],
      ['lea', 'Merci pour la suggestion, l’équipe produit l’a notée.'],
    ],
    likes: ['hugo', 'priya', 'tom', 'lea'],
  },
  {
    category: 'idees',
    author: 'tom',
    title: 'Idea: export reports to Excel',
    body: 'Reports can be exported to CSV, but an **.xlsx** export with formatting would save us a lot of time.',
    replies: [['amelie', 'Ce serait utile pour nous aussi.']],
    likes: ['amelie'],
  },
  {
    category: 'cafe',
    author: 'hugo',
    title: 'Présentez-vous ! / Introduce yourself!',
    body: 'Je commence : Hugo, artisan menuisier à Nantes, j’utilise l’outil pour mes devis et factures. Et vous ?',
    replies: [
      ['priya', 'Priya here, operations manager at a small design studio in Leeds. Nice to meet you all!'],
      ['amelie', 'Amélie, gérante d’une librairie à Lyon. Ravie d’être ici !'],
      ['tom', 'Tom, freelance developer in Berlin. Hello everyone 👋'],
    ],
    likes: ['amelie', 'priya'],
  },
  {
    category: 'staff',
    author: 'lea',
    title: 'Planning des permanences de décembre',
    body: 'Je propose de nous répartir les permanences du forum pendant les fêtes. @sam, tu peux prendre la semaine du 22 ?',
    replies: [['sam', 'Sure, I will cover the week of the 22nd.']],
  },
];

/** Fills an empty database with a small bilingual community. Does nothing if anyone already exists. */
export async function seedDemo(
  database: Database,
  plugins: readonly PluginDefinition[] = [],
): Promise<boolean> {
  const [existing] = await database.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return false;
  // All or nothing: a seed that fails half-way must not leave a community that blocks a retry.
  await database.transaction(async (tx) => {
    // The commands open their own (here nested, so savepoint) transactions on what they are given.
    await fill(tx as unknown as Database, plugins);
  });
  return true;
}

async function fill(db: Database, plugins: readonly PluginDefinition[]) {
  const ids = new Map<string, number>();
  const roles = new Map<string, Role>();
  for (const person of people) {
    const password = person.username === demoAdmin.username ? demoAdmin.password : demoMemberPassword;
    const [row] = await db
      .insert(users)
      .values({
        ...person,
        email: `${person.username}@parvis.example`,
        emailVerifiedAt: new Date(),
        passwordHash: await hashPassword(password),
      })
      .returning({ id: users.id });
    ids.set(person.username, row!.id);
    roles.set(person.username, person.role);
  }
  const actor = (username: string) => ({ id: ids.get(username)!, role: roles.get(username)! });
  const categories = new Map<string, number>();
  const definitions = [
    {
      slug: 'annonces',
      name: 'Annonces',
      description: 'Nouveautés et informations de l’équipe. / News from the team.',
      postAudience: 'moderator' as const,
    },
    { slug: 'entraide', name: 'Entraide', description: 'Posez vos questions, la communauté vous répond.' },
    { slug: 'help', name: 'Help & How-to', description: 'Questions and answers in English.' },
    {
      slug: 'idees',
      name: 'Idées',
      description: 'Proposez et discutez des améliorations. / Ideas for the product.',
    },
    {
      slug: 'cafe',
      name: 'Café',
      description: 'Discussions libres et présentations. / Off-topic and introductions.',
    },
    {
      slug: 'staff',
      name: 'Staff',
      description: 'Espace réservé à l’équipe de modération.',
      readAudience: 'moderator' as const,
      postAudience: 'moderator' as const,
    },
  ];
  for (const [position, definition] of definitions.entries()) {
    const category = await createCategory(db, { ...definition, position }, ids.get('admin')!);
    categories.set(definition.slug, category.id);
  }
  for (const thread of threads) {
    // The seed writes as its members before any site rule exists: no posting rules apply.
    const { topic, post } = await createTopic(
      db,
      actor(thread.author),
      { categoryId: categories.get(thread.category)!, title: thread.title, body: thread.body },
      undefined,
    );
    for (const [author, body] of thread.replies) {
      await createReply(db, actor(author), topic.id, body, undefined);
    }
    for (const liker of thread.likes ?? []) {
      if (liker !== thread.author) await setLike(db, actor(liker), post.id, true);
    }
  }
  const community: DemoCommunity = {
    users: Object.fromEntries(
      people.map((person) => [
        person.username,
        { id: ids.get(person.username)!, role: person.role, locale: person.locale },
      ]),
    ),
    categories: Object.fromEntries(categories),
    async createTopic(username, input) {
      const { topic, post } = await createTopic(
        db,
        actor(username),
        { categoryId: categories.get(input.category)!, title: input.title, body: input.body },
        undefined,
      );
      return { topicId: topic.id, postId: post.id };
    },
    async createReply(username, topicId, body) {
      const post = await createReply(db, actor(username), topicId, body, undefined);
      return { postId: post.id };
    },
  };
  for (const plugin of plugins) await plugin.demo?.(db, community);
  // Spread the conversation over the past weeks so dates and "latest" ordering look lived-in.
  await db.execute(sql`update ${users} set created_at = now() - interval '45 days'`);
  await db.execute(
    sql`update ${posts} set created_at = now() - ((select max(id) from ${posts}) - id + 1) * interval '9 hours' + (id % 7) * interval '13 minutes'`,
  );
  await db.execute(sql`
    update ${topics} t set
      created_at = (select min(p.created_at) from ${posts} p where p.topic_id = t.id),
      last_posted_at = (select max(p.created_at) from ${posts} p where p.topic_id = t.id)`);
  // The seed's events happened back then too (an accepted answer when it was written): nobody is
  // emailed at first start about what the demo "did" weeks ago.
  await db.execute(sql`
    update ${events} e set created_at = coalesce(
      (select p.created_at from ${posts} p
        where p.id = case when e.payload->>'postId' ~ '^[0-9]{1,9}$' then (e.payload->>'postId')::int end),
      now() - interval '45 days')`);
}
