import { forumFlow } from './support/forum-flow';

forumFlow('en');
