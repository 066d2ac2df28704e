/** Strings the FAQ's API answers with (errors and field messages), in both languages. */
export const faqMessages = {
  en: {
    'faq.field.slug_taken': 'Another article already uses this address.',
    'faq.field.topic_not_found': 'This topic does not exist or was deleted.',
    'faq.field.answer_required':
      'This question has no accepted answer yet: choose the reply that answers it.',
    'faq.field.answer_invalid': 'Choose a reply of this topic (not its opening post).',
    'faq.error.edited_meanwhile':
      'Someone else edited this article meanwhile. Reload it to see their changes, then edit again.',
    'faq.error.vote_retry': 'Your browser was not recognised yet: please vote again.',
    'faq.field.vote_retry': 'Vote again to have it counted (cookies must be allowed).',
    'faq.error.guest_vote_taken':
      'A guest vote on this article was already counted from your network. Sign in to vote.',
  },
  fr: {
    'faq.field.slug_taken': 'Un autre article utilise déjà cette adresse.',
    'faq.field.topic_not_found': 'Ce sujet n’existe pas ou a été supprimé.',
    'faq.field.answer_required':
      'Cette question n’a pas encore de réponse acceptée : choisissez la réponse qui y répond.',
    'faq.field.answer_invalid': 'Choisissez une réponse de ce sujet (pas le message d’origine).',
    'faq.error.edited_meanwhile':
      'Quelqu’un a modifié cet article entre-temps. Rechargez-le pour voir ses changements, puis modifiez-le à nouveau.',
    'faq.error.vote_retry': 'Votre navigateur n’était pas encore reconnu : votez à nouveau, s’il vous plaît.',
    'faq.field.vote_retry': 'Votez à nouveau pour qu’il soit compté (les cookies doivent être autorisés).',
    'faq.error.guest_vote_taken':
      'Un vote d’invité sur cet article a déjà été compté depuis votre réseau. Connectez-vous pour voter.',
  },
};
