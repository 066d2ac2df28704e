import { describe, expect, it } from 'vitest';
import type { NotificationPreference, Session } from '../api';
import { renderPage } from '../entry-server';

function fakeApi(session: Session, preferences: NotificationPreference[] | null) {
  return async (path: string) => {
    const key = new URL(path, 'http://parvis.test').pathname;
    if (key === '/session') return Response.json(session);
    if (key === '/me/notification-preferences' && preferences) return Response.json({ preferences });
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Please sign in to continue.' }, requestId: 'test' },
      { status: 401 },
    );
  };
}

const member = (locale: 'en' | 'fr'): Session => ({
  user: { id: 7, username: 'claire', displayName: 'Claire', role: 'member', locale },
  account: { email: 'claire@example.com', emailVerified: true },
  locale,
  unreadNotifications: 0,
  enabledPlugins: [],
});

describe('notification email settings page', () => {
  it('shows one labelled checkbox per kind, checked as the member chose, in French', async () => {
    const fetchApi = fakeApi(member('fr'), [
      { kind: 'reply', label: 'Réponses à vos sujets', email: true, emailByDefault: true },
      { kind: 'like', label: 'Mentions « j’aime » sur vos messages', email: false, emailByDefault: false },
    ]);
    const result = await renderPage({ url: '/settings/notifications', fetchApi, nonce: 'x' });
    expect(result.status).toBe(200);
    const { html } = result;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>E-mails de notification · Parvis</title>');
    expect(html).toMatch(/<legend[^>]*>M’envoyer un e-mail pour<\/legend>/);
    expect(html).toMatch(/<input type="checkbox" id="email-reply" name="reply" checked[^>]*>/);
    expect(html).toMatch(/<input type="checkbox" id="email-like" name="like"(?![^>]*checked)[^>]*>/);
    expect(html).toMatch(/<label for="email-reply"[^>]*>Réponses à vos sujets<\/label>/);
    expect(html).toMatch(/aria-describedby="email-like-hint"/);
    expect(html).toMatch(/id="email-like-hint"[^>]*>désactivé par défaut</);
    expect(html).toMatch(/Enregistrer mes choix/);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('sends guests to sign in', async () => {
    const fetchApi = fakeApi(
      { user: null, account: null, locale: 'en', unreadNotifications: 0, enabledPlugins: [] },
      null,
    );
    const result = await renderPage({ url: '/settings/notifications', fetchApi, nonce: 'x' });
    expect(result.status).toBe(302);
    expect(result.headers?.Location).toBe('/sign-in?next=%2Fsettings%2Fnotifications');
  });

  it('is linked from the notifications page', async () => {
    const fetchApi = async (path: string) => {
      const key = new URL(path, 'http://parvis.test').pathname;
      if (key === '/session') return Response.json(member('en'));
      return Response.json({ notifications: [], unread: 0 });
    };
    const result = await renderPage({ url: '/notifications', fetchApi, nonce: 'x' });
    expect(result.html).toMatch(
      /<a class="btn btn-ghost" href="\/settings\/notifications"[^>]*>Email settings<\/a>/,
    );
  });
});
