import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import {
  demo,
  escapeRegExp,
  expect,
  expectNoAxeViolations,
  hydrated,
  inventedWord,
  open,
  pageProbe,
  runId,
  signUp,
  test,
  ui,
  visitor,
  watchConsole,
  withTypo,
} from './support/app';

// The support capability told from beginning to end, in French: a member finds an FAQ answer
// while writing a question, another asks a question the community answers and the asker
// accepts, staff turn it into an FAQ article, and the FAQ's search finds it despite a typo.

const t = ui.fr;

/** What the support and FAQ plugins show, in French (packages/plugins/{support,faq}/web). */
const fr = {
  composer: 'Déjà répondu ?',
  helpful: 'Cette réponse vous a-t-elle aidé ?',
  yes: 'Oui',
  thanks: 'Merci pour votre retour !',
  helpfulCount: /^(\d+) personnes? (?:a|ont) trouvé cette réponse utile\.$/,
  insightsTitle: 'FAQ : déflexion et manques',
  deflected: 'Questions évitées',
  topOpened: 'Suggestions les plus ouvertes',
  questionStatus: 'État de la question',
  notSolved: 'Pas encore résolue',
  accept: (name: string) => `Accepter comme réponse : le message de ${name}`,
  accepted: (name: string) => `Le message de ${name} est maintenant la réponse acceptée.`,
  acceptedAnswer: 'Réponse acceptée',
  answeredBy: 'Réponse de',
  newReply: (name: string) => `Nouvelle réponse de ${name}`,
  filters: 'Afficher les questions',
  solvedFilter: 'Résolues',
  solvedBadge: 'Résolu',
  promote: 'Ajouter à la FAQ',
  promotedNotice:
    'Brouillon créé à partir d’une discussion de la communauté : retouchez-le avant de le publier.',
  question: 'Question',
  answer: 'Réponse',
  status: 'Statut',
  published: 'Publié',
  save: 'Enregistrer',
  draftNotice: 'Cet article est un brouillon : seule l’équipe peut le voir.',
  fromThread: (title: string) => `Issu de la discussion « ${title} ».`,
  inFaq: 'Dans la FAQ :',
  draft: 'Brouillon',
  faqTitle: 'Questions fréquentes',
  faqSearch: 'Rechercher dans la FAQ',
  faqKind: 'FAQ',
  oneResult: /^1 résultat$/,
};

/** A seeded French FAQ article (packages/plugins/faq/server/demo.ts). */
const seededArticle = 'Comment synchroniser mon calendrier avec Outlook ou Google Agenda ?';
const longestWord = seededArticle
  .split(/[\s’'?]+/)
  .reduce((longest, word) => (word.length > longest.length ? word : longest), '');

const asker = demo.memberFr; // Hugo Lefèvre
const answerer = { username: 'amelie', displayName: 'Amélie Roy' };
const staff = demo.moderator; // Léa Martin

/** A browser context of its own, in French, signed in as a seeded account. */
async function signedIn(browser: Browser, baseURL: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', extraHTTPHeaders: visitor() });
  await context.addInitScript(pageProbe);
  const response = await context.request.post('/api/v1/auth/sign-in', {
    data: { login: username, password: demo.password },
    headers: { Origin: new URL(baseURL).origin },
  });
  if (!response.ok())
    throw new Error(`Signing in as ${username}: ${response.status()} ${await response.text()}`);
  return context;
}

/** The number shown beside a label of the staff insights page. */
async function insightsNumber(page: Page, label: string): Promise<number> {
  const value = page.locator('dl.stats > div').filter({ has: page.getByText(label, { exact: true }) });
  const text = (await value.locator('dd').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

/** How many people found an article helpful, as its page says (0 when it says nothing). */
async function helpfulCount(vote: Locator): Promise<number> {
  const line = vote.getByText(fr.helpfulCount);
  if ((await line.count()) === 0) return 0;
  const match = fr.helpfulCount.exec(((await line.textContent()) ?? '').trim());
  return Number(match?.[1] ?? 0);
}

/** Marks the open document: a full reload would lose the mark. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as { __sameDocument?: boolean }).__sameDocument = true;
  });
}

const sameDocument = (page: Page) =>
  page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);

test.describe('support, de la question à la FAQ', () => {
  test.use({ locale: 'fr-FR' });

  let contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  test('une suggestion évite une question, une question résolue devient un article de FAQ', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const base = baseURL ?? '';
    const id = runId();
    const word = inventedWord(id);
    const question = `Comment relier le lecteur ${word} à ma caisse ?`;
    const questionBody = `Bonjour,\n\nJ’ai reçu un lecteur de cartes ${word} mais ma caisse ne le détecte pas. Que faut-il régler ?`;
    const answerText = `Dans **Caisse → Périphériques**, choisissez *Ajouter un lecteur* puis appairez-le en Bluetooth (${id}).`;

    const staffContext = await signedIn(browser, base, staff.username);
    const askerContext = await signedIn(browser, base, asker.username);
    const answererContext = await signedIn(browser, base, answerer.username);
    contexts = [staffContext, askerContext, answererContext];
    const staffPage = await staffContext.newPage();
    const problems = { member: watchConsole(page), staff: watchConsole(staffPage) };

    await test.step('une suggestion de la FAQ répond à un membre, et la visite compte comme évitée', async () => {
      // What staff read before: the visit about to happen adds one.
      await open(staffPage, '/faq/insights');
      await expect(staffPage.getByRole('heading', { level: 1, name: fr.insightsTitle })).toBeVisible();
      const deflectedBefore = await insightsNumber(staffPage, fr.deflected);

      await signUp(page, { username: `membre${id}`, locale: 'fr' });
      await open(page, '/c/entraide');
      await page.getByRole('main').getByRole('link', { name: t.newTopic, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: t.newTopic })).toBeVisible();
      await expect(page.getByLabel('Catégorie', { exact: true })).toHaveValue('entraide');

      const aside = page.getByRole('complementary', { name: fr.composer });
      await expect(aside).toBeVisible();
      const typo = withTypo(longestWord);
      expect(typo).not.toBe(longestWord);
      await page.getByLabel(t.title, { exact: true }).pressSequentially(`Comment ${typo} mon téléphone ?`);
      // The misspelt word is what finds it: the article comes first, the word highlighted.
      const suggestion = aside.getByRole('link', { name: seededArticle });
      await expect(aside.getByRole('link').first()).toHaveText(seededArticle);
      await expect(suggestion.locator('mark', { hasText: longestWord })).toBeVisible();
      await expectNoAxeViolations(page);

      await suggestion.click();
      await expect(page.getByRole('heading', { level: 1, name: seededArticle })).toBeVisible();
      await hydrated(page);
      const vote = page.getByRole('region', { name: fr.helpful });
      const votesBefore = await helpfulCount(vote);
      await vote.getByRole('button', { name: fr.yes, exact: true }).click();
      await expect(vote.getByText(fr.thanks)).toBeVisible();
      await expect(vote.getByRole('button', { name: fr.yes, exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await expect(vote.getByText(fr.helpfulCount)).toHaveText(
        votesBefore + 1 === 1
          ? '1 personne a trouvé cette réponse utile.'
          : `${votesBefore + 1} personnes ont trouvé cette réponse utile.`,
      );

      await open(staffPage, '/faq/insights');
      expect(await insightsNumber(staffPage, fr.deflected)).toBe(deflectedBefore + 1);
      const opened = staffPage.getByRole('region', { name: fr.topOpened });
      await expect(opened.getByRole('link', { name: seededArticle })).toBeVisible();
    });

    const askerPage = await askerContext.newPage();
    const askerProblems = watchConsole(askerPage);
    let topicPath = '';

    await test.step('une question reçoit une réponse en direct, et son auteur l’accepte', async () => {
      await open(askerPage, '/c/entraide');
      await askerPage.getByRole('main').getByRole('link', { name: t.newTopic, exact: true }).click();
      await expect(askerPage.getByLabel('Catégorie', { exact: true })).toHaveValue('entraide');
      await askerPage.getByLabel(t.title, { exact: true }).fill(question);
      await askerPage.getByLabel(t.body, { exact: true }).fill(questionBody);
      const stream = askerPage.waitForResponse((r) =>
        /\/api\/v1\/topics\/\d+\/live$/.test(new URL(r.url()).pathname),
      );
      await askerPage.getByRole('button', { name: t.createTopic }).click();
      await expect(askerPage.getByRole('heading', { level: 1, name: question })).toBeVisible();
      expect((await stream).status()).toBe(200);
      await expect(askerPage.getByRole('region', { name: fr.questionStatus })).toContainText(fr.notSolved);
      topicPath = new URL(askerPage.url()).pathname;
      await markDocument(askerPage);

      const answererPage = await answererContext.newPage();
      const answererProblems = watchConsole(answererPage);
      const answererStream = answererPage.waitForResponse((r) =>
        /\/api\/v1\/topics\/\d+\/live$/.test(new URL(r.url()).pathname),
      );
      await open(answererPage, topicPath);
      expect((await answererStream).status()).toBe(200);
      await answererPage.getByLabel(t.replyLabel, { exact: true }).fill(answerText);
      const sent = answererPage.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/api\/v1\/topics\/\d+\/posts$/.test(r.url()),
      );
      await answererPage.getByRole('button', { name: t.postReply }).click();
      const sentResponse = await sent;
      expect(sentResponse.status(), await sentResponse.text()).toBe(201);
      await expect(answererPage.locator('#post-2')).toContainText('Ajouter un lecteur');
      await markDocument(answererPage);

      // The asker's open page shows the answer on its own.
      const reply = askerPage.locator('#post-2');
      await expect(reply).toContainText('Ajouter un lecteur');
      await expect(askerPage.getByRole('article').filter({ hasText: 'Ajouter un lecteur' })).toHaveCount(1);
      await expect(reply.getByRole('heading', { name: answerer.displayName })).toBeVisible();
      await expect(askerPage.getByTestId('announcer')).toHaveText(fr.newReply(answerer.displayName));
      expect(await sameDocument(askerPage)).toBe(true);

      await askerPage.getByRole('button', { name: fr.accept(answerer.displayName) }).click();
      await expect(askerPage.getByTestId('announcer')).toHaveText(fr.accepted(answerer.displayName));
      const accepted = askerPage.getByRole('region', { name: fr.acceptedAnswer });
      await expect(accepted).toContainText(`${fr.answeredBy} ${answerer.displayName}`);
      await expect(accepted).toContainText('Ajouter un lecteur');
      await expect(reply.getByTestId('support-accepted')).toHaveText(fr.acceptedAnswer);
      await expect(askerPage.getByRole('region', { name: fr.questionStatus })).toHaveCount(0);
      await expectNoAxeViolations(askerPage);

      // The one who answered sees it accepted, without reloading either.
      await expect(answererPage.locator('#post-2').getByTestId('support-accepted')).toHaveText(
        fr.acceptedAnswer,
      );
      expect(await sameDocument(answererPage)).toBe(true);
      expect(answererProblems).toEqual([]);
      await answererPage.close();

      // In the category, the solved filter lists it with its badge.
      await open(askerPage, '/c/entraide');
      const filters = askerPage.getByRole('navigation', { name: fr.filters });
      await filters.getByRole('link', { name: fr.solvedFilter, exact: true }).click();
      await expect(askerPage).toHaveURL(/\/c\/entraide\?status=solved$/);
      await expect(filters.getByRole('link', { name: fr.solvedFilter, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      const row = askerPage.locator('.topic-list .topic-title').filter({ hasText: question });
      await expect(row).toHaveCount(1);
      await expect(row.getByText(fr.solvedBadge, { exact: true })).toBeVisible();
    });

    let articlePath = '';

    await test.step('l’équipe ajoute la question résolue à la FAQ', async () => {
      await open(staffPage, topicPath);
      await staffPage.getByRole('button', { name: fr.promote }).click();
      await expect(staffPage).toHaveURL(/\/faq\/[a-z0-9-]+\/edit$/);
      await expect(staffPage.getByText(fr.promotedNotice)).toBeVisible();
      await expect(staffPage.getByLabel(fr.question, { exact: true })).toHaveValue(question);
      const draft = staffPage.getByLabel(fr.answer, { exact: true });
      // The question quoted for context, then the accepted answer.
      await expect(draft).toHaveValue(new RegExp(`^> Bonjour,[\\s\\S]*${escapeRegExp(word)}[\\s\\S]*`));
      await expect(draft).toHaveValue(new RegExp(`${escapeRegExp(answerText)}$`));
      await expect(staffPage.getByLabel(fr.status, { exact: true })).toHaveValue('draft');

      await staffPage.getByLabel(fr.status, { exact: true }).selectOption({ label: fr.published });
      await staffPage.getByRole('button', { name: fr.save, exact: true }).click();
      await expect(staffPage.getByRole('heading', { level: 1, name: question })).toBeVisible();
      await expect(staffPage).toHaveURL(/\/faq\/[a-z0-9-]+$/);
      await expect(staffPage.getByText(fr.draftNotice)).toHaveCount(0);
      articlePath = new URL(staffPage.url()).pathname;

      const source = staffPage.getByRole('link', { name: fr.fromThread(question) });
      await expect(source).toHaveAttribute('href', topicPath);
      await source.click();
      await expect(staffPage.getByRole('heading', { level: 1, name: question })).toBeVisible();
      const inFaq = staffPage.locator('.faq-topic-link');
      await expect(inFaq).toContainText(fr.inFaq);
      await expect(inFaq.getByRole('link', { name: question })).toHaveAttribute('href', articlePath);
      await expect(inFaq.getByText(fr.draft, { exact: true })).toHaveCount(0);

      // Members see it too.
      await open(askerPage, topicPath);
      await expect(
        askerPage.locator('.faq-topic-link').getByRole('link', { name: question }),
      ).toHaveAttribute('href', articlePath);
    });

    await test.step('la recherche de la FAQ trouve l’article malgré une faute de frappe', async () => {
      // Publishing reaches the search index through the event log: wait until it is there.
      await expect
        .poll(async () => {
          const response = await askerPage.request.get(
            `/api/v1/plugins/faq/search?q=${encodeURIComponent(word)}`,
          );
          const { hits } = (await response.json()) as { hits: { kind: string; url: string }[] };
          return hits.some((hit) => hit.kind === 'faq' && hit.url === articlePath);
        })
        .toBe(true);

      await open(askerPage, '/faq');
      await expect(askerPage.getByRole('heading', { level: 1, name: fr.faqTitle })).toBeVisible();
      await markDocument(askerPage);
      const box = askerPage.getByLabel(fr.faqSearch, { exact: true });
      await box.pressSequentially(withTypo(word));
      const hits = askerPage.locator('#faq-results li.faq-hit');
      const first = hits.first();
      await expect(first.locator('a.faq-hit-title')).toHaveText(question);
      await expect(first.locator('a.faq-hit-title')).toHaveAttribute('href', articlePath);
      await expect(first.getByText(fr.faqKind, { exact: true })).toBeVisible();
      await expect(first.locator('a.faq-hit-title mark', { hasText: word })).toBeVisible();
      // The invented word is in this article only; the thread it came from is the article now.
      await expect(hits).toHaveCount(1);
      await expect(askerPage.getByRole('status').filter({ hasText: fr.oneResult })).toBeVisible();
      // Results came while typing: the page was never reloaded nor the form sent.
      expect(await sameDocument(askerPage)).toBe(true);
      expect(new URL(askerPage.url()).search).toBe('');
      await expectNoAxeViolations(askerPage);
    });

    expect([...problems.member, ...problems.staff, ...askerProblems]).toEqual([]);
  });
});
