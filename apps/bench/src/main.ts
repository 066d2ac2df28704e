import { usage } from './args';
import { loadCommand } from './load-command';
import { relevanceCommand } from './relevance/command';
import { searchCommand } from './search-latency';

const [first, ...rest] = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const commands: Record<string, (argv: string[]) => Promise<number>> = {
  load: loadCommand,
  relevance: relevanceCommand,
  search: searchCommand,
};

let code: number;
if (first === '--help' || first === '-h' || first === 'help') {
  console.log(usage);
  code = 0;
} else if (first === undefined || first.startsWith('-')) {
  code = await loadCommand(first === undefined ? [] : [first, ...rest]);
} else if (commands[first]) {
  code = await commands[first](rest);
} else {
  console.error(`unknown command ${first}\n\n${usage}`);
  code = 2;
}
process.exit(code);
