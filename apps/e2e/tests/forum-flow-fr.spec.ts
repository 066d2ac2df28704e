import { forumFlow } from './support/forum-flow';

forumFlow('fr');
