import { type Locale, locales } from '@parvis/domain';
import { Alert, Button, SelectField, TextField } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import { focusLater, useFormState } from '../components/form';
import { PageTitle, withQuery } from '../components/page';
import { useApp } from '../context';
import { definePage, type PageProps, safeNext } from '../router';

interface AuthData {
  next: string;
}

function SignInPage(props: PageProps<AuthData>) {
  const app = useApp();
  const { t } = app;
  const [login, setLogin] = createSignal('');
  const [password, setPassword] = createSignal('');
  const form = useFormState();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (form.busy()) return;
    form.setBusy(true);
    form.setMessage('');
    const result = await app.api.signIn({ login: login(), password: password() });
    if (!result.ok) {
      form.setBusy(false);
      form.setErrors(result.error.fields ?? {});
      form.setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    // A full load so the whole page (header, language, permissions) reflects the new session.
    window.location.assign(props.data.next);
  };
  return (
    <div class="narrow">
      <PageTitle>{t('web.sign_in.title')}</PageTitle>
      <form class="card stack" onSubmit={submit} novalidate>
        <Show when={form.message()}>
          <Alert tone="error" id="form-error">
            {form.message()}
          </Alert>
        </Show>
        <TextField
          id="sign-in-login"
          name="login"
          label={t('web.field.login')}
          value={login()}
          onValue={setLogin}
          error={form.errors().login}
          autocomplete="username"
          required
        />
        <TextField
          id="sign-in-password"
          name="password"
          type="password"
          label={t('web.field.password')}
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
          autocomplete="current-password"
          required
        />
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('web.sign_in.submit')}
        </Button>
        <p>
          <a href="/forgot-password">{t('web.sign_in.forgot')}</a>
        </p>
      </form>
      <p class="form-footer">
        {t('web.sign_in.no_account')}{' '}
        <a href={withQuery('/sign-up', { next: props.data.next === '/' ? null : props.data.next })}>
          {t('web.sign_in.create')}
        </a>
      </p>
    </div>
  );
}

const languageNames: Record<Locale, string> = { en: 'English', fr: 'Français' };

function SignUpPage(props: PageProps<AuthData>) {
  const app = useApp();
  const { t } = app;
  const [username, setUsername] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [locale, setLocale] = createSignal<string>(app.locale);
  const form = useFormState();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (form.busy()) return;
    form.setBusy(true);
    form.setMessage('');
    const chosen = locales.find((l) => l === locale()) ?? app.locale;
    const result = await app.api.signUp({
      username: username().trim(),
      email: email().trim(),
      password: password(),
      ...(displayName().trim() ? { displayName: displayName().trim() } : {}),
      locale: chosen,
    });
    if (!result.ok) {
      form.setBusy(false);
      form.setErrors(result.error.fields ?? {});
      form.setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    // biome-ignore lint/suspicious/noDocumentCookie: keeps the chosen language for signed-out visits too.
    document.cookie = `parvis_locale=${chosen}; path=/; max-age=31536000; SameSite=Lax`;
    window.location.assign(props.data.next);
  };
  return (
    <div class="narrow">
      <PageTitle>{t('web.sign_up.title')}</PageTitle>
      <form class="card stack" onSubmit={submit} novalidate>
        <Show when={form.message()}>
          <Alert tone="error" id="form-error">
            {form.message()}
          </Alert>
        </Show>
        <TextField
          id="sign-up-username"
          name="username"
          label={t('web.field.username')}
          hint={t('web.field.username_hint')}
          value={username()}
          onValue={setUsername}
          error={form.errors().username}
          autocomplete="username"
          required
          maxLength={30}
        />
        <TextField
          id="sign-up-email"
          name="email"
          type="email"
          label={t('web.field.email')}
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          autocomplete="email"
          required
        />
        <TextField
          id="sign-up-password"
          name="password"
          type="password"
          label={t('web.field.password')}
          hint={t('web.field.password_hint')}
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
          autocomplete="new-password"
          required
        />
        <TextField
          id="sign-up-display-name"
          name="displayName"
          label={t('web.field.display_name_optional')}
          value={displayName()}
          onValue={setDisplayName}
          error={form.errors().displayName}
          autocomplete="nickname"
          maxLength={60}
        />
        <SelectField
          id="sign-up-locale"
          name="locale"
          label={t('web.field.language')}
          value={locale()}
          onValue={setLocale}
          error={form.errors().locale}
          options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('web.sign_up.submit')}
        </Button>
      </form>
      <p class="form-footer">
        {t('web.sign_up.have_account')}{' '}
        <a href={withQuery('/sign-in', { next: props.data.next === '/' ? null : props.data.next })}>
          {t('web.sign_up.sign_in')}
        </a>
      </p>
    </div>
  );
}

async function authLoad({ query, session }: { query: URLSearchParams; session: Promise<{ user: unknown }> }) {
  const next = safeNext(query.get('next'));
  if ((await session).user) return { kind: 'redirect' as const, to: next, status: 302 as const };
  return { kind: 'page' as const, data: { next } };
}

export const signInPage = definePage<AuthData>({
  load: authLoad,
  head: (_data, { t }) => ({
    title: t('web.sign_in.title'),
    description: t('web.sign_in.description'),
    canonical: '/sign-in',
    noindex: true,
  }),
  component: SignInPage,
});

export const signUpPage = definePage<AuthData>({
  load: authLoad,
  head: (_data, { t }) => ({
    title: t('web.sign_up.title'),
    description: t('web.sign_up.description'),
    canonical: '/sign-up',
  }),
  component: SignUpPage,
});
