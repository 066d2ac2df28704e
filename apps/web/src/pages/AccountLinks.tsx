import { Alert, Button, TextField } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import { focusLater, useFormState } from '../components/form';
import { PageTitle } from '../components/page';
import { useApp } from '../context';
import { definePage, type PageProps } from '../router';

/**
 * The pages behind the links Parvis mails about an account: asking for a password reset,
 * choosing the new password, and confirming an address. Each acts only when its button is
 * pressed, so mail scanners that open links do not use them up.
 */

function ForgotPasswordPage() {
  const app = useApp();
  const { t } = app;
  const [email, setEmail] = createSignal('');
  const [sentTo, setSentTo] = createSignal('');
  const form = useFormState();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (form.busy()) return;
    form.setBusy(true);
    form.setMessage('');
    setSentTo('');
    const result = await app.api.requestPasswordReset({ email: email().trim() });
    form.setBusy(false);
    form.setErrors(result.ok ? {} : (result.error.fields ?? {}));
    if (!result.ok) {
      form.setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    setSentTo(result.data.email);
    focusLater('#reset-sent');
  };
  return (
    <div class="narrow">
      <PageTitle>{t('web.forgot.title')}</PageTitle>
      <p>{t('web.forgot.intro')}</p>
      <form class="card stack" onSubmit={submit} novalidate>
        <Show when={form.message()}>
          <Alert tone="error" id="form-error">
            {form.message()}
          </Alert>
        </Show>
        <Show when={sentTo()}>
          <Alert tone="success" id="reset-sent">
            {t('web.forgot.sent', { email: sentTo() })}
          </Alert>
        </Show>
        <TextField
          id="forgot-email"
          name="email"
          type="email"
          label={t('web.field.email')}
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          autocomplete="email"
          required
        />
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('web.forgot.submit')}
        </Button>
      </form>
      <p class="form-footer">
        <a href="/sign-in">{t('web.forgot.back')}</a>
      </p>
    </div>
  );
}

function ResetPasswordPage(props: PageProps<unknown>) {
  const app = useApp();
  const { t } = app;
  const [password, setPassword] = createSignal('');
  const [linkDead, setLinkDead] = createSignal(false);
  const form = useFormState();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (form.busy()) return;
    form.setBusy(true);
    form.setMessage('');
    const result = await app.api.resetPassword({ token: props.params.token ?? '', password: password() });
    if (!result.ok) {
      form.setBusy(false);
      form.setErrors(result.error.fields ?? {});
      setLinkDead(result.error.code === 'invalid_link');
      form.setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    // Signed in with the new password: a full load shows the whole site as this member.
    window.location.assign('/');
  };
  return (
    <div class="narrow">
      <PageTitle>{t('web.reset.title')}</PageTitle>
      <form class="card stack" onSubmit={submit} novalidate>
        <Show when={form.message()}>
          <Alert tone="error" id="form-error">
            {form.message()}
            <Show when={linkDead()}>
              {' '}
              <a href="/forgot-password">{t('web.reset.ask_again')}</a>
            </Show>
          </Alert>
        </Show>
        <TextField
          id="reset-password"
          name="password"
          type="password"
          label={t('web.field.new_password')}
          hint={t('web.field.password_hint')}
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
          autocomplete="new-password"
          required
        />
        <p class="muted">{t('web.reset.signs_out')}</p>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('web.reset.submit')}
        </Button>
      </form>
    </div>
  );
}

function VerifyEmailPage(props: PageProps<unknown>) {
  const app = useApp();
  const { t } = app;
  const [done, setDone] = createSignal(false);
  const form = useFormState();
  const confirm = async () => {
    if (form.busy()) return;
    form.setBusy(true);
    form.setMessage('');
    const result = await app.api.verifyEmail({ token: props.params.token ?? '' });
    form.setBusy(false);
    if (!result.ok) {
      form.setMessage(result.error.message);
      focusLater('#form-error');
      return;
    }
    setDone(true);
    focusLater('#verify-done');
  };
  return (
    <div class="narrow">
      <PageTitle>{t('web.verify.title')}</PageTitle>
      <div class="card stack">
        <Show when={form.message()}>
          <Alert tone="error" id="form-error">
            {form.message()}
          </Alert>
        </Show>
        <Show
          when={done()}
          fallback={
            <>
              <p>{t('web.verify.intro')}</p>
              <Button type="button" variant="primary" busy={form.busy()} onClick={() => void confirm()}>
                {t('web.verify.submit')}
              </Button>
            </>
          }
        >
          <Alert tone="success" id="verify-done">
            {t('web.verify.done')}
          </Alert>
          <p>
            <a href="/">{t('web.verify.continue')}</a>
          </p>
        </Show>
      </div>
    </div>
  );
}

const noData = async () => ({ kind: 'page' as const, data: null });

export const forgotPasswordPage = definePage<null>({
  load: noData,
  head: (_data, { t }) => ({
    title: t('web.forgot.title'),
    description: t('web.forgot.intro'),
    canonical: '/forgot-password',
    noindex: true,
  }),
  component: ForgotPasswordPage,
});

export const resetPasswordPage = definePage<null>({
  load: noData,
  // The canonical address leaves the token out: it must not travel further than the page.
  head: (_data, { t }) => ({
    title: t('web.reset.title'),
    description: t('web.reset.title'),
    canonical: '/forgot-password',
    noindex: true,
  }),
  component: ResetPasswordPage,
});

export const verifyEmailPage = definePage<null>({
  load: noData,
  head: (_data, { t }) => ({
    title: t('web.verify.title'),
    description: t('web.verify.intro'),
    canonical: '/',
    noindex: true,
  }),
  component: VerifyEmailPage,
});
