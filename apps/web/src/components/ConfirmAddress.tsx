import { createSignal, Show } from 'solid-js';
import { useApp } from '../context';

/**
 * Sends the confirmation link again, once per page: the site notice and the one in place of
 * a composer share this. `sentMessage` is announced when the link is on its way.
 */
export function useResendConfirmation(sentMessage: () => string) {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [sent, setSent] = createSignal(false);
  const resend = async () => {
    if (busy() || sent()) return;
    setBusy(true);
    const result = await app.api.resendVerification();
    setBusy(false);
    if (!result.ok) {
      app.announce(result.error.message);
      return;
    }
    setSent(true);
    app.announce(sentMessage());
  };
  return { busy, sent, resend };
}

/**
 * Shown instead of a composer while the site requires a confirmed address and the viewer's is
 * not. Members' shared pages hold it too, so it names nothing of the viewer's own (no address).
 */
export function ConfirmToPostNotice(props: { id: string }) {
  const app = useApp();
  const { busy, sent, resend } = useResendConfirmation(() => app.t('web.confirm_to_post.sent'));
  return (
    <section class="notice confirm-to-post" aria-labelledby={props.id} data-testid="confirm-to-post">
      <p>
        <strong id={props.id}>{app.t('web.confirm_to_post.title')}</strong>{' '}
        {app.t(sent() ? 'web.confirm_to_post.sent' : 'web.confirm_to_post.body')}
      </p>
      <Show when={!sent()}>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          disabled={busy()}
          onClick={() => void resend()}
        >
          {app.t('web.confirm_notice.resend')}
        </button>
      </Show>
    </section>
  );
}
