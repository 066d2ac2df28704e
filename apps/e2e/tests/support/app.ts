import AxeBuilder from '@axe-core/playwright';
import {
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';

export { expect };

export type Lang = 'en' | 'fr';

/** Password of every account the tests create (the API wants at least 10 characters). */
export const testPassword = 'parvis-e2e-password';

/** Seeded accounts (see apps/api/src/seed/demo.ts). */
export const demo = {
  password: 'parvis-demo',
  /** Moderator whose own language is French. */
  moderator: { username: 'lea', displayName: 'Léa Martin', locale: 'fr' as Lang },
  memberEn: { username: 'priya', displayName: 'Priya Shah', locale: 'en' as Lang },
  memberFr: { username: 'hugo', displayName: 'Hugo Lefèvre', locale: 'fr' as Lang },
  keyboardUser: { username: 'tom', displayName: 'Tom Becker', locale: 'en' as Lang },
};

/** The interface texts the tests look for, as people read them (apps/web/src/i18n). */
export const ui = {
  en: {
    languageName: 'English',
    skipLink: 'Skip to main content',
    signIn: 'Sign in',
    signUp: 'Sign up',
    signOut: 'Sign out',
    notifications: 'Notifications',
    /** The hidden word after the header's unread count, as a pattern (either grammatical number). */
    unread: 'unread',
    unreadPrefix: 'Unread:',
    username: 'Username',
    email: 'Email',
    password: 'Password',
    language: 'Language',
    createAccount: 'Create account',
    login: 'Email or username',
    signInSubmit: 'Sign in',
    newTopic: 'New topic',
    title: 'Title',
    body: 'Message',
    createTopic: 'Create topic',
    replyLabel: 'Your reply',
    postReply: 'Post reply',
    headerSearch: 'Search the community',
    searchSubmit: 'Search',
    topicHit: 'Topic',
    edit: 'Edit',
    editForm: 'Edit post',
    save: 'Save changes',
    edited: 'edited',
    history: 'History',
    historyTitle: 'Earlier versions',
    notFound: 'Page not found',
    replied: (actor: string, topic: string) => `${actor} replied to “${topic}”`,
    results: /^\d+ results?$/,
  },
  fr: {
    languageName: 'Français',
    skipLink: 'Aller au contenu principal',
    signIn: 'Se connecter',
    signUp: 'S’inscrire',
    signOut: 'Se déconnecter',
    notifications: 'Notifications',
    unread: 'non lues?',
    unreadPrefix: 'Non lue :',
    username: 'Nom d’utilisateur',
    email: 'E-mail',
    password: 'Mot de passe',
    language: 'Langue',
    createAccount: 'Créer mon compte',
    login: 'E-mail ou nom d’utilisateur',
    signInSubmit: 'Se connecter',
    newTopic: 'Nouveau sujet',
    title: 'Titre',
    body: 'Message',
    createTopic: 'Créer le sujet',
    replyLabel: 'Votre réponse',
    postReply: 'Publier la réponse',
    headerSearch: 'Rechercher dans la communauté',
    searchSubmit: 'Rechercher',
    topicHit: 'Sujet',
    edit: 'Modifier',
    editForm: 'Modifier le message',
    save: 'Enregistrer',
    edited: 'modifié',
    history: 'Historique',
    historyTitle: 'Versions précédentes',
    notFound: 'Page introuvable',
    replied: (actor: string, topic: string) => `${actor} a répondu à « ${topic} »`,
    results: /^\d+ résultats?$/,
  },
} as const;

/** A suffix no earlier run has used, so accounts and titles stay unique on a reused database. */
export function runId(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .padStart(3, '0')}`;
}

/**
 * A made-up word of letters only, different on every run: 'vor' + the run id with digits
 * turned into letters + 'ak'. The fixed ending is no suffix an English or French stemmer
 * removes, so the indexed word keeps its whole length.
 */
export function inventedWord(id: string): string {
  return `vor${id.replace(/\d/g, (d) => 'qwxzjkvbpm'[Number(d)] ?? 'q')}ak`;
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The same word with two adjacent inner letters swapped (the second and third). */
export function withTypo(word: string): string {
  return `${word[0]}${word[2]}${word[1]}${word.slice(3)}`;
}

declare global {
  interface Window {
    __parvisHydrated?: boolean;
    __cspViolations?: string[];
  }
}

/**
 * Runs before any page script. The app sets `history.scrollRestoration` in its `onMount`, the
 * moment hydration has finished; noting that assignment tells the tests the page is interactive
 * (a click or a submit before that would hit inert server HTML). The flag lives in the window,
 * so every full page load starts again from false. CSP violations are recorded as well.
 */
export function pageProbe() {
  window.__parvisHydrated = false;
  window.__cspViolations = [];
  const descriptor = Object.getOwnPropertyDescriptor(History.prototype, 'scrollRestoration');
  if (descriptor?.get && descriptor.set) {
    const { get, set } = descriptor;
    Object.defineProperty(History.prototype, 'scrollRestoration', {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get,
      set(value: ScrollRestoration) {
        set.call(this, value);
        window.__parvisHydrated = true;
      },
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
  });
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

let visitors = 0;
/**
 * The headers of a visitor arriving from an address of their own. The server under test believes
 * `X-Forwarded-For` (as behind a load balancer), so the per-address limits on sign-up and sign-in
 * count each test's people separately instead of the whole suite as one address.
 */
export function visitor(): Record<string, string> {
  visitors++;
  return { 'x-forwarded-for': `10.${(visitors >> 16) & 255}.${(visitors >> 8) & 255}.${visitors & 255}` };
}

/** One session per seeded account and worker: the sign-in rate limit stays far away. */
const sessions = new Map<string, Promise<StorageState>>();

export const test = base.extend<{ account: string | null }>({
  /** A seeded account (password `parvis-demo`) the test's browser starts signed in as. */
  account: [null, { option: true }],
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use) => {
    await use({ ...extraHTTPHeaders, ...visitor() });
  },
  storageState: async ({ account, storageState, browser, baseURL }, use) => {
    if (!account) {
      await use(storageState);
      return;
    }
    let state = sessions.get(account);
    if (!state) {
      state = (async () => {
        const context = await browser.newContext({ baseURL, extraHTTPHeaders: visitor() });
        try {
          const response = await context.request.post('/api/v1/auth/sign-in', {
            data: { login: account, password: demo.password },
            headers: { Origin: new URL(baseURL ?? '').origin },
          });
          if (!response.ok())
            throw new Error(`Signing in as ${account}: ${response.status()} ${await response.text()}`);
          return await context.storageState();
        } finally {
          await context.close();
        }
      })();
      sessions.set(account, state);
    }
    await use((await state) as BrowserContextOptions['storageState']);
  },
  context: async ({ context }, use) => {
    await context.addInitScript(pageProbe);
    await use(context);
  },
});

/** Waits until the client app has taken over the server-rendered page. */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__parvisHydrated === true, undefined, { timeout: 15_000 });
}

/** Opens a path with a full page load and waits for the app to be interactive. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await hydrated(page);
}

/** The language the page is shown in, from `<html lang>`. */
export async function pageLang(page: Page): Promise<Lang> {
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'en' && lang !== 'fr') throw new Error(`Unexpected <html lang="${lang}">`);
  return lang;
}

export function header(page: Page): Locator {
  return page.getByRole('banner');
}

/** Signs up through the form, which may itself be shown in either language. */
export async function signUp(page: Page, input: { username: string; locale: Lang }): Promise<void> {
  await open(page, '/sign-up');
  const t = ui[await pageLang(page)];
  await page.getByLabel(t.username, { exact: true }).fill(input.username);
  await page.getByLabel(t.email, { exact: true }).fill(`${input.username}@example.test`);
  await page.getByLabel(t.password, { exact: true }).fill(testPassword);
  await page.getByLabel(t.language, { exact: true }).selectOption({ label: ui[input.locale].languageName });
  await page.getByRole('button', { name: t.createAccount }).click();
  await expectSignedIn(page, input.username, input.locale);
}

/** Signs in through the form (shown in the guest's language); ends on the page shown after it. */
export async function signIn(
  page: Page,
  input: { username: string; password: string; locale: Lang; displayName?: string },
  path = '/sign-in',
): Promise<void> {
  await open(page, path);
  const t = ui[await pageLang(page)];
  await page.getByLabel(t.login, { exact: true }).fill(input.username);
  await page.getByLabel(t.password, { exact: true }).fill(input.password);
  await page.getByRole('main').getByRole('button', { name: t.signInSubmit }).click();
  await expectSignedIn(page, input.displayName ?? input.username, input.locale);
}

/** The header names the person and offers to sign out, in their own language. */
export async function expectSignedIn(page: Page, displayName: string, locale: Lang): Promise<void> {
  await expect(header(page).getByRole('button', { name: ui[locale].signOut })).toBeVisible();
  await expect(header(page).getByRole('link', { name: displayName, exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await hydrated(page);
}

export async function signOut(page: Page, locale: Lang): Promise<void> {
  await header(page).getByRole('button', { name: ui[locale].signOut }).click();
  await expect(page).toHaveURL(/\/$/);
  const t = ui[await pageLang(page)];
  await expect(header(page).getByRole('link', { name: t.signIn, exact: true })).toBeVisible();
  await hydrated(page);
}

/** The address of a seeded topic, found by its title through the API. */
export async function topicPathByTitle(page: Page, category: string, title: string): Promise<string> {
  const response = await page.request.get(`/api/v1/topics?category=${category}&limit=50`);
  expect(response.ok()).toBe(true);
  const { topics } = (await response.json()) as { topics: { id: number; slug: string; title: string }[] };
  const topic = topics.find((t) => t.title === title);
  if (!topic) throw new Error(`No topic “${title}” in ${category}`);
  return `/t/${topic.slug}/${topic.id}`;
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** An app bug already reported: its violations are noted on the test instead of failing it. */
export interface KnownAxeIssue {
  rule: string;
  /** Matches the CSS path axe-core gives for the offending element. */
  target: RegExp;
  bug: string;
}

export const knownAxeIssues: KnownAxeIssue[] = [];

/**
 * Fails with one readable paragraph per axe-core violation (rule, impact, where, how to fix).
 * Violations matching `known` are listed as annotations on the test rather than failing it.
 */
export async function expectNoAxeViolations(
  page: Page,
  options: { rules?: string[]; known?: KnownAxeIssue[] } = {},
): Promise<void> {
  const known = options.known ?? knownAxeIssues;
  const builder = new AxeBuilder({ page }).withTags(wcagTags);
  if (options.rules) builder.withRules(options.rules);
  const results = await builder.analyze();
  const violations = results.violations
    .map((violation) => {
      const nodes = violation.nodes.filter((node) => {
        const target = node.target.join(' ');
        const issue = known.find((k) => k.rule === violation.id && k.target.test(target));
        if (issue) {
          test.info().annotations.push({ type: 'known app bug', description: `${target}: ${issue.bug}` });
        }
        return !issue;
      });
      return { ...violation, nodes };
    })
    .filter((violation) => violation.nodes.length > 0);
  const report = violations.map((violation) =>
    [
      `${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}`,
      `  ${violation.helpUrl}`,
      ...violation.nodes.map(
        (node) =>
          `  at ${node.target.join(' ')}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
      ),
    ].join('\n'),
  );
  if (report.length > 0) {
    await test.info().attach('axe-violations.json', {
      body: JSON.stringify(violations, null, 2),
      contentType: 'application/json',
    });
  }
  expect(report, `axe-core violations on ${page.url()}:\n\n${report.join('\n\n')}\n`).toEqual([]);
}

/**
 * Collects what the browser console reports as a problem: errors, warnings, uncaught
 * exceptions, hydration messages and Content-Security-Policy refusals.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (
      message.type() === 'error' ||
      message.type() === 'warning' ||
      /hydrat|Content Security Policy|Content-Security-Policy/i.test(text)
    ) {
      problems.push(`${message.type()} on ${page.url()}: ${text}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  return problems;
}

/** CSP refusals the current document saw (recorded by the page probe). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}
