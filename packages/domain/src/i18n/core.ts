import { en } from './en';
import { fr } from './fr';

/** Both languages, for the server, which answers each request in its visitor's language. */
export const core = { en, fr };
