// Entry of the search thread: it loads the engine's TypeScript source through tsx, whether or
// not the parent process was started with it (the server is; test runners are not).
import { register } from 'tsx/esm/api';

register();
await import('./thread.ts');
