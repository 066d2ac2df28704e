import type { MessageKey } from './en';

export const fr: Record<MessageKey, string> = {
  'app.name': 'Parvis',
  'app.tagline': 'Communauté, entraide et idées',
  'error.validation': 'Certains champs demandent votre attention.',
  'error.unauthenticated': 'Connectez-vous pour continuer.',
  'error.forbidden': 'Vous n’avez pas l’autorisation de faire cela.',
  'error.not_found': 'Nous n’avons pas trouvé ce que vous cherchez.',
  'error.conflict': 'Cela entre en conflit avec des données existantes.',
  'error.rate_limited': 'Trop de tentatives. Patientez un instant puis réessayez.',
  'error.csrf': 'Cette requête ne provient pas de Parvis ; elle a été refusée.',
  'error.internal':
    'Un problème est survenu de notre côté. Rien de ce que vous avez envoyé n’est perdu ; réessayez.',
  'error.invalid_credentials': 'E-mail/nom d’utilisateur ou mot de passe incorrect.',
  'error.username_taken': 'Ce nom d’utilisateur est déjà pris.',
  'error.email_taken': 'Un compte utilise déjà cette adresse e-mail.',
  'error.payload_too_large': 'Cette requête est trop volumineuse.',
  'field.required': 'Ce champ est obligatoire.',
  'field.too_short': 'Au moins {min} caractères.',
  'field.too_long': 'Au plus {max} caractères.',
  'field.invalid_email': 'Saisissez une adresse e-mail valide.',
  'field.invalid_username': 'Utilisez de 3 à 30 lettres, chiffres, « _ », « - » ou « . ».',
  'field.invalid': 'Cette valeur n’est pas valide.',
  'notification.reply': '{actor} a répondu à « {topic} »',
  'notification.mention': '{actor} vous a mentionné dans « {topic} »',
  'notification.like': '{actor} a aimé votre message dans « {topic} »',
};
