import { registerMessages } from '@parvis/domain';
import { en } from './en';
import { fr } from './fr';

// Strings no browser needs live here rather than in the shared catalog, which every page
// downloads. Importing this module is what makes them available.
registerMessages({ en, fr });

export type { ServerMessageKey } from './en';
