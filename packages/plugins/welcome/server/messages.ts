export const welcomeMessages = {
  en: {
    'notification.welcome':
      'Welcome to the community, {name}! Introduce yourself or ask your first question — people here are glad to help.',
    'welcome.tip': 'Tip: search before you ask — many questions already have an accepted answer.',
  },
  fr: {
    'notification.welcome':
      'Bienvenue dans la communauté, {name} ! Présentez-vous ou posez votre première question : ici, on aime s’entraider.',
    'welcome.tip':
      'Astuce : cherchez avant de demander, beaucoup de questions ont déjà une réponse acceptée.',
  },
};
