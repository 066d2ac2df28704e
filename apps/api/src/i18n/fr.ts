import type { ServerMessageKey } from './en';

export const fr: Record<ServerMessageKey, string> = {
  'error.email_unconfirmed':
    'Confirmez votre adresse e-mail avant de publier : ouvrez le lien que nous vous avons envoyé, ou demandez-en un nouveau.',
  'mail.greeting': 'Bonjour {name},',
  'mail.open_post': 'Voir le message',
  'mail.open_link': 'Ouvrir',
  'mail.label_value': '{label} : {value}',
  'mail.footer.reason':
    'Vous recevez cet e-mail car les e-mails « {kind} » sont activés dans vos réglages {site}.',
  'mail.footer.unsubscribe': 'Ne plus recevoir ces e-mails',
  'mail.footer.settings': 'Choisir les e-mails que vous recevez',
  'mail.account.verify_email.subject': 'Confirmez votre adresse e-mail',
  'mail.account.verify_email.intro':
    'Bienvenue sur {site} ! Confirmez que cette adresse est bien la vôtre : nous pourrons vous prévenir des réponses par e-mail et vous aider à retrouver votre compte {username} si vous oubliez votre mot de passe.',
  'mail.account.verify_email.action': 'Confirmer mon adresse',
  'mail.account.verify_email.note':
    'Ce lien est valable 48 heures. Si vous n’avez pas créé ce compte, ignorez cet e-mail : l’adresse ne sera pas utilisée.',
  'mail.account.reset_password.subject': 'Choisissez un nouveau mot de passe',
  'mail.account.reset_password.intro':
    'Quelqu’un, sans doute vous, a demandé à réinitialiser le mot de passe de votre compte {site} {username}.',
  'mail.account.reset_password.action': 'Choisir un nouveau mot de passe',
  'mail.account.reset_password.note':
    'Ce lien ne sert qu’une fois, pendant une heure. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.',
  'mail.account.email_taken.subject': 'Quelqu’un a tenté de s’inscrire avec votre adresse',
  'mail.account.email_taken.intro':
    'Quelqu’un a tenté de créer un nouveau compte {site} avec cette adresse e-mail. Elle appartient déjà à votre compte {username}. Si c’était vous, connectez-vous plutôt à ce compte.',
  'mail.account.email_taken.action': 'Se connecter',
  'mail.account.email_taken.reset': 'Mot de passe oublié ? Choisissez-en un nouveau',
  'mail.account.email_taken.note':
    'Si ce n’était pas vous, ignorez cet e-mail : personne ne peut confirmer cette adresse sans accès à votre boîte de réception.',
  'apiref.title': 'Référence de l’API Parvis',
  'apiref.description': 'Les points d’accès de l’API JSON de Parvis',
  'apiref.machine_readable': 'Version lisible par les machines : {link}.',
  'apiref.errors':
    'Chaque erreur a la forme {shape} ; les messages suivent votre langue (compte, cookie ou Accept-Language).',
  'apiref.method': 'Méthode',
  'apiref.path': 'Chemin',
  'apiref.what': 'Ce qu’elle fait',
  'apiref.who': 'Qui',
  'apiref.success': 'Succès',
  'apiref.body': 'Corps :',
  'apiref.query': 'Paramètres :',
  'apiref.who.anyone': 'tout le monde',
  'apiref.who.user': 'membres',
  'apiref.who.staff': 'équipe',
  'unsubscribe.confirm_title': 'Ne plus recevoir ces e-mails ?',
  'unsubscribe.confirm':
    'Confirmez pour ne plus recevoir les e-mails « {kind} ». Ces notifications resteront visibles dans {site} quand vous vous connectez.',
  'unsubscribe.confirm_button': 'Ne plus recevoir ces e-mails',
  'unsubscribe.title': 'E-mails désactivés',
  'unsubscribe.done':
    'Vous ne recevrez plus les e-mails « {kind} ». Ces notifications restent visibles dans {site} quand vous vous connectez.',
  'unsubscribe.undo': 'Réactiver ces e-mails',
  'unsubscribe.resubscribed_title': 'E-mails réactivés',
  'unsubscribe.resubscribed': 'Vous recevrez de nouveau les e-mails « {kind} ».',
  'unsubscribe.settings': 'Choisir tous vos e-mails',
  'unsubscribe.home': 'Aller sur {site}',
  'unsubscribe.invalid_title': 'Ce lien ne fonctionne pas',
  'unsubscribe.invalid':
    'Ce lien de désabonnement est incomplet ou a été modifié. Copiez le lien entier depuis l’e-mail, ou connectez-vous et choisissez vos e-mails dans vos réglages.',
};
