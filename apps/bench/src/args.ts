export interface LoadOptions {
  posts: number;
  /** `100k`, `1m`…: names the database, so each scale keeps its own seeded copy. */
  scaleLabel: string;
  connections: number;
  duration: number;
  warmup: number;
  only: string[] | null;
  reseed: boolean;
}

export const usage = `Usage: pnpm bench [load|relevance|search] [options]

  load (default)       seed a community, start the server, measure it
  relevance            search relevance on labelled FAQ sets (pnpm bench relevance --help)
  search               embedded search latency at 100k documents (pnpm bench search --help)

Options for load:
  --scale <n>          posts to seed: 100k (default), 1m, 250k or a plain number
  --posts <n>          same as --scale, as a number
  --connections <n>    concurrent connections per scenario (default 50)
  --duration <s>       measured seconds per scenario (default 10)
  --warmup <s>         unmeasured seconds before each scenario (default 3)
  --only <a,b>         run only these scenarios (ids in the README)
  --reseed             drop and seed the bench database again even if it is current
  --help               this text
`;

/** `100k` → 100000, `1m` → 1000000, `2500` → 2500. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`not a count: ${text}`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  const value = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(value) || value < 100) throw new Error(`count too small or too large: ${text}`);
  return value;
}

export function scaleLabel(posts: number): string {
  if (posts % 1_000_000 === 0) return `${posts / 1_000_000}m`;
  if (posts % 1_000 === 0) return `${posts / 1_000}k`;
  return String(posts);
}

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a positive number, got ${text}`);
  return value;
}

export function parseLoadOptions(argv: string[]): LoadOptions {
  let posts = 100_000;
  const options: Omit<LoadOptions, 'posts' | 'scaleLabel'> = {
    connections: 50,
    duration: 10,
    warmup: 3,
    only: null,
    reseed: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--':
        break;
      case '--scale':
      case '--posts':
        posts = parseCount(value());
        break;
      case '--connections':
        options.connections = Math.max(1, Math.round(positive('connections', value())));
        break;
      case '--duration':
        options.duration = Math.max(1, positive('duration', value()));
        break;
      case '--warmup':
        options.warmup = positive('warmup', value());
        break;
      case '--only':
        options.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--reseed':
        options.reseed = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${usage}`);
    }
  }
  return { ...options, posts, scaleLabel: scaleLabel(posts) };
}
