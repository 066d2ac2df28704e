import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDataDir } from './paths';
import { Random } from './random';

/** Raw material for the seeded community: real sentences when the shared dumps are present. */
export interface Corpus {
  source: string;
  titles: string[];
  paragraphs: string[];
  sentences: string[];
  code: string[];
}

const dumps = ['stackexchange-quantumcomputing-2018', 'stackexchange-french-meta-2021'];

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

const stripTags = (html: string) => html.replace(/<[^>]*>/g, '');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?])\s+(?=[A-ZÀ-ÝÉ«"“])/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 20 && s.length <= 300);
}

function readDump(folder: string, into: Corpus): boolean {
  const file = path.join(sharedDataDir, folder, 'Posts.xml');
  if (!existsSync(file)) return false;
  const xml = readFileSync(file, 'utf8');
  for (const [row] of xml.matchAll(/<row\b[^>]*\/>/g)) {
    const attrs: Record<string, string> = {};
    for (const [, key, value] of row.matchAll(/(\w+)="([^"]*)"/g)) attrs[key!] = decodeEntities(value!);
    if (attrs.PostTypeId !== '1' && attrs.PostTypeId !== '2') continue;
    if (attrs.Title) {
      const title = squash(attrs.Title);
      if (title.length >= 10 && title.length <= 150 && !/[$\\]/.test(title)) into.titles.push(title);
    }
    const body = attrs.Body ?? '';
    for (const [, inner] of body.matchAll(/<p>([\s\S]*?)<\/p>/g)) {
      const text = squash(decodeEntities(stripTags(inner!)));
      // LaTeX-heavy paragraphs read as noise once the math renderer is gone.
      if (text.length < 30 || text.length > 700 || /[$\\]/.test(text)) continue;
      into.paragraphs.push(text);
      into.sentences.push(...splitSentences(text));
    }
    for (const [, inner] of body.matchAll(/<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)) {
      const code = decodeEntities(stripTags(inner!)).replace(/\s+$/, '');
      const lines = code.split('\n').length;
      if (code.length >= 20 && lines <= 14 && !code.includes('```')) into.code.push(code);
    }
  }
  return true;
}

// Fallback vocabulary, so a clone without ../shared still seeds readable, searchable text.
const frenchWords =
  'compte facture paiement abonnement connexion mot de passe application mobile ordinateur synchronisation calendrier export import fichier rapport tableau équipe invitation utilisateur administrateur paramètres notification courriel sauvegarde version mise à jour installation erreur message page écran bouton menu recherche question réponse solution idée proposition fonctionnalité amélioration problème support aide merci bonjour client commande livraison produit catalogue stock prix remise devis contrat signature document modèle projet tâche échéance rappel planning réunion agenda accès droit rôle groupe espace dossier partage lien navigateur serveur données sécurité confidentialité intégration connecteur automatisation tutoriel guide démarrage configuration langue thème affichage impression format tableur statistiques historique archive suppression restauration'.split(
    ' ',
  );
const frenchGlue =
  'le la les un une des du et ou mais donc pour avec sans dans sur sous chez par depuis quand comme si il elle nous vous on je est sont a ont peut faut doit fait voit trouve cherche essaie utilise reçois obtiens bien encore toujours souvent jamais déjà aussi très plus moins'.split(
    ' ',
  );
const englishWords =
  'account invoice payment subscription login password application mobile desktop sync calendar export import file report dashboard team invitation user admin settings notification email backup version update install error message page screen button menu search question answer solution idea proposal feature improvement issue support help thanks customer order delivery product catalog inventory price discount quote contract signature document template project task deadline reminder schedule meeting agenda access permission role group workspace folder sharing link browser server data security privacy integration connector automation tutorial guide onboarding configuration language theme display printing format spreadsheet statistics history archive deletion restore'.split(
    ' ',
  );
const englishGlue =
  'the a an and or but so for with without in on under by since when as if it we you they I is are has have can should must does seems still always often never already also very more less really just'.split(
    ' ',
  );

function generatedSentence(rng: Random, words: string[], glue: string[]): string {
  const length = rng.int(7, 18);
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(rng.chance(0.45) ? rng.pick(glue) : rng.pick(words));
  if (length > 10 && rng.chance(0.4)) parts[rng.int(3, length - 4)] += ',';
  const text = parts.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}${rng.pick(['.', '.', '.', '?', '!'])}`;
}

export function generatedCorpus(): Corpus {
  const rng = new Random(20240611);
  const corpus: Corpus = {
    source: 'generated (built-in French/English word lists)',
    titles: [],
    paragraphs: [],
    sentences: [],
    code: [],
  };
  for (let i = 0; i < 4000; i++) {
    const french = rng.chance(0.55);
    const [words, glue] = french ? [frenchWords, frenchGlue] : [englishWords, englishGlue];
    const sentences = Array.from({ length: rng.int(2, 5) }, () => generatedSentence(rng, words, glue));
    corpus.sentences.push(...sentences);
    corpus.paragraphs.push(sentences.join(' '));
    if (i < 1500) {
      const title = generatedSentence(rng, words, glue)
        .slice(0, 90)
        .replace(/[,.!?\s]+$/, '');
      const question = french ? ' ?' : '?';
      corpus.titles.push(rng.chance(0.4) ? `${title}${question}` : title);
    }
  }
  corpus.code = [
    'npm install parvis-cli\nparvis login --token $TOKEN',
    'curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/invoices?year=2024',
    'Error 0x80070005: access denied\n  at Installer.run (setup.js:120)',
    '{\n  "export": { "format": "pdf", "range": "2024-01-01..2024-12-31" }\n}',
    'SELECT id, total FROM invoices WHERE paid_at IS NULL ORDER BY due_date;',
  ];
  return corpus;
}

export function loadCorpus(): Corpus {
  const corpus: Corpus = { source: '', titles: [], paragraphs: [], sentences: [], code: [] };
  const used = dumps.filter((folder) => readDump(folder, corpus));
  if (used.length === 0 || corpus.titles.length < 50 || corpus.paragraphs.length < 200)
    return generatedCorpus();
  corpus.source = `Stack Exchange dumps in ../shared/data (${used.join(', ')})`;
  return corpus;
}

const stopwords = new Set(
  `a about after all also an and any are as at be been but by can could do does for from has have how i if in into is it its
  me my no not of on or should so some than that the their them then there these they this to use using was we what when where
  which while who why will with would you your vs via
  au aux avec ce ces cette dans de des du elle en est et il ils je la le les leur mais me mon ne nous on ou par pas plus pour
  qu que qui sa se ses son sont sur ta te tu un une vos votre vous y à été être faut peut est-ce quel quelle quels comment
  pourquoi faire fait entre sans sous chez site question questions answer answers post posts between mean good many
  need first another different make does work possible best other same more most much only just like without each
  every there here about these those thing things something really better still even already always
  often never seems since doit trouve cherche essaie utilise reçois obtiens encore toujours souvent jamais déjà aussi très`.split(
    /\s+/,
  ),
);

function words(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length >= 4 && !stopwords.has(w) && !/^\d+$/.test(w) && !w.includes("'"));
}

/** One edit a hurried typist makes: swap two letters, drop one, or double one. */
function typo(word: string, rng: Random): string {
  const chars = [...word];
  const at = rng.int(1, chars.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else if (kind === 1) chars.splice(at, 1);
  else chars.splice(at, 0, chars[at]!);
  const result = chars.join('');
  return result === word ? `${word.slice(0, -1)}` : result;
}

/** Realistic 1–2 word queries taken from topic titles, about one in five with a typo. */
export function searchQueries(corpus: Corpus, count = 60): string[] {
  const rng = new Random(77);
  const frequency = new Map<string, number>();
  const pairs: string[] = [];
  for (const title of corpus.titles) {
    const list = words(title);
    for (const w of list) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    for (let i = 0; i + 1 < list.length; i++) pairs.push(`${list[i]} ${list[i + 1]}`);
  }
  const common = [...frequency.entries()]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 200)
    .map(([w]) => w);
  const queries = new Set<string>();
  for (let guard = 0; queries.size < count && guard < count * 50; guard++) {
    const roll = rng.next();
    let query: string;
    if (roll < 0.5 || pairs.length === 0) query = rng.pick(common);
    else query = rng.pick(pairs);
    if (rng.chance(0.2)) {
      const parts = query.split(' ');
      const i = parts.findIndex((p) => p.length >= 6);
      if (i >= 0) parts[i] = typo(parts[i]!, rng);
      query = parts.join(' ');
    }
    queries.add(query);
  }
  return [...queries];
}
