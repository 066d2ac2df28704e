import { registerMessages } from '@parvis/domain';

/** Strings of the staff queue page, registered when its chunk loads. */
export const supportQueueMessages = {
  en: {
    'support.claim.action_on': 'I’m on it: {title}',
    'support.queue.title': 'Support queue',
    'support.queue.intro':
      'Open questions, the longest waiting first. Say “I’m on it” so two helpers do not answer the same one.',
    'support.queue.category': 'Category',
    'support.queue.all_categories': 'All Q&A categories',
    'support.queue.apply': 'Show',
    'support.queue.count.one': '{count} open question',
    'support.queue.count.other': '{count} open questions',
    'support.queue.empty': 'No open question. Nice work!',
    'support.queue.caption': 'Open questions, the longest waiting first',
    'support.queue.question': 'Question',
    'support.queue.waiting': 'Waiting for',
    'support.queue.replies': 'Replies',
    'support.queue.staff_reply': 'Team reply',
    'support.queue.claimed': 'On it',
    'support.queue.asked_by': 'asked by',
    'support.queue.staff_replied_after': 'After {duration}',
    'support.queue.no_staff_reply': 'None yet',
    'support.queue.nobody': 'Nobody',
  },
  fr: {
    'support.claim.action_on': 'Je m’en occupe : {title}',
    'support.queue.title': 'File du support',
    'support.queue.intro':
      'Les questions ouvertes, de la plus ancienne à la plus récente. Indiquez « Je m’en occupe » pour que deux personnes ne répondent pas à la même.',
    'support.queue.category': 'Catégorie',
    'support.queue.all_categories': 'Toutes les catégories de questions-réponses',
    'support.queue.apply': 'Afficher',
    'support.queue.count.one': '{count} question ouverte',
    'support.queue.count.other': '{count} questions ouvertes',
    'support.queue.empty': 'Aucune question ouverte. Bravo !',
    'support.queue.caption': 'Questions ouvertes, de la plus ancienne à la plus récente',
    'support.queue.question': 'Question',
    'support.queue.waiting': 'En attente depuis',
    'support.queue.replies': 'Réponses',
    'support.queue.staff_reply': 'Réponse de l’équipe',
    'support.queue.claimed': 'Pris en charge',
    'support.queue.asked_by': 'posée par',
    'support.queue.staff_replied_after': 'Après {duration}',
    'support.queue.no_staff_reply': 'Pas encore',
    'support.queue.nobody': 'Personne',
  },
};

registerMessages(supportQueueMessages);
