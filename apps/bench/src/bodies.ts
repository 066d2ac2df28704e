import { renderMarkdown } from '@parvis/domain/markdown';
import type { Corpus } from './corpus';
import type { Random } from './random';

export interface Body {
  markdown: string;
  html: string;
}

const thanks = [
  'Merci, ça marche !',
  'Merci beaucoup pour la réponse rapide.',
  'Même problème ici, je suis le sujet.',
  'Thanks, that fixed it!',
  'Same here, following this thread.',
  '+1, ce serait très utile.',
  'Je confirme, résolu après la mise à jour.',
  'Great tip, thank you.',
];

function decorate(text: string, rng: Random): string {
  const words = text.split(' ');
  if (words.length < 6) return text;
  const at = rng.int(1, words.length - 3);
  const word = words[at]!;
  if (!/^[\p{L}\p{N}]{4,}$/u.test(word)) return text;
  const roll = rng.next();
  if (roll < 0.25) words[at] = `**${word}**`;
  else if (roll < 0.35) words[at] = `*${word}*`;
  else if (roll < 0.45) words[at] = `\`${word}\``;
  else if (roll < 0.55)
    words[at] = `[${word}](https://docs.example.com/${encodeURIComponent(word.toLowerCase())})`;
  return words.join(' ');
}

function paragraph(corpus: Corpus, rng: Random): string {
  return decorate(rng.pick(corpus.paragraphs), rng);
}

function list(corpus: Corpus, rng: Random): string {
  const ordered = rng.chance(0.4);
  const items = Array.from(
    { length: rng.int(2, 4) },
    (_, i) => `${ordered ? `${i + 1}.` : '-'} ${rng.pick(corpus.sentences)}`,
  );
  return items.join('\n');
}

function code(corpus: Corpus, rng: Random): string {
  return `\`\`\`\n${rng.pick(corpus.code)}\n\`\`\``;
}

function opening(corpus: Corpus, rng: Random): string {
  const blocks = [paragraph(corpus, rng)];
  for (let i = rng.int(0, 2); i > 0; i--) blocks.push(paragraph(corpus, rng));
  if (rng.chance(0.25)) blocks.splice(1, 0, list(corpus, rng));
  if (corpus.code.length > 0 && rng.chance(0.15)) blocks.push(code(corpus, rng));
  if (rng.chance(0.3))
    blocks.push(rng.pick(['Merci d’avance !', 'Thanks in advance.', 'Une idée ?', 'Any ideas?']));
  return blocks.join('\n\n');
}

function reply(corpus: Corpus, rng: Random, usernames: string[]): string {
  if (rng.chance(0.15)) return rng.pick(thanks);
  const blocks: string[] = [];
  if (rng.chance(0.08)) blocks.push(`> ${rng.pick(corpus.sentences)}`);
  const first = paragraph(corpus, rng);
  blocks.push(rng.chance(0.12) ? `@${rng.pick(usernames)} ${first}` : first);
  if (rng.chance(0.45)) blocks.push(paragraph(corpus, rng));
  if (rng.chance(0.1)) blocks.push(list(corpus, rng));
  if (corpus.code.length > 0 && rng.chance(0.08)) blocks.push(code(corpus, rng));
  return blocks.join('\n\n');
}

/**
 * Opening posts and replies, each rendered once by the real renderer; the seed reuses them, since
 * rendering a million bodies would make the seed slow without changing what the server does.
 */
export const poolSizes = { openers: 600, replies: 1400 };

export function bodyPools(corpus: Corpus, rng: Random, usernames: string[], sizes = poolSizes) {
  const render = (markdown: string): Body => ({ markdown, html: renderMarkdown(markdown) });
  return {
    openers: Array.from({ length: sizes.openers }, () => render(opening(corpus, rng))),
    replies: Array.from({ length: sizes.replies }, () => render(reply(corpus, rng, usernames))),
  };
}
