/** The API's strings: notifications, errors and field errors, in both languages. */
export const supportMessages = {
  en: {
    'notification.answer_accepted': '{actor} accepted your answer to “{topic}”',
    'notification.kind.answer_accepted': 'Your replies accepted as answers',
    'support.error.not_question': 'This topic is not in a Q&A category, so it has no accepted answer.',
    'support.error.solved': 'This question is already solved.',
    'support.error.claimed': 'Someone else is already on this question.',
    'support.field.post_missing': 'This reply does not exist.',
    'support.field.post_other_topic': 'Choose a reply in this topic.',
    'support.field.post_opening': 'The question itself cannot be its answer: choose a reply.',
    'support.field.post_deleted': 'A deleted reply cannot be the answer.',
    'support.field.claimed_by': '{name} is already on it. Take over?',
    'support.field.category_not_qa': 'Choose a Q&A category.',
  },
  fr: {
    'notification.answer_accepted': '{actor} a accepté votre réponse à « {topic} »',
    'notification.kind.answer_accepted': 'Vos réponses acceptées',
    'support.error.not_question':
      'Ce sujet n’est pas dans une catégorie de questions-réponses : il n’a pas de réponse acceptée.',
    'support.error.solved': 'Cette question est déjà résolue.',
    'support.error.claimed': 'Quelqu’un d’autre s’occupe déjà de cette question.',
    'support.field.post_missing': 'Cette réponse n’existe pas.',
    'support.field.post_other_topic': 'Choisissez une réponse de ce sujet.',
    'support.field.post_opening': 'La question ne peut pas être sa propre réponse : choisissez une réponse.',
    'support.field.post_deleted': 'Une réponse supprimée ne peut pas être acceptée.',
    'support.field.claimed_by': '{name} s’en occupe déjà. Prendre le relais ?',
    'support.field.category_not_qa': 'Choisissez une catégorie de questions-réponses.',
  },
};
