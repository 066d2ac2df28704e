import type { en } from './en';

/** French strings of the welcome card: the same keys as `en.ts`. */
export const fr: Record<keyof typeof en, string> = {
  'welcome.card.title': 'Nouveau ici ?',
  'welcome.card.text':
    'Bienvenue ! Parcourez les derniers sujets, faites une recherche avant de poser votre question et n’hésitez pas à vous présenter : ici, on aime s’entraider.',
};
