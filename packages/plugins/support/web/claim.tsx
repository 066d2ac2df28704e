import { isStaff } from '@parvis/domain';
import type { WebHost } from '@parvis/plugin-sdk/web';
import { Button } from '@parvis/ui';
import { createSignal, Show } from 'solid-js';
import type { PersonRef } from '../domain/data';
import { problem, supportApi } from './shared';

/**
 * "I'm on it": a toggle for staff (pressed while they hold the question). When someone else
 * holds it, pressing asks first whether to take over.
 */
export function ClaimToggle(props: {
  host: WebHost;
  topicId: number;
  claimedBy: PersonRef | null;
  /** Names the question when several toggles share a page (the queue). */
  label?: string;
}) {
  const { host } = props;
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [error, setError] = createSignal('');
  const mine = () => props.claimedBy !== null && props.claimedBy.id === host.session.user?.id;
  const confirmId = () => `support-claim-confirm-${props.topicId}`;

  const ask = (question: string) => {
    setConfirming(question);
    queueMicrotask(() => document.getElementById(confirmId())?.focus());
  };

  const run = async (action: 'claim' | 'take-over' | 'release') => {
    setBusy(true);
    setError('');
    const result =
      action === 'release'
        ? await supportApi.release(host, props.topicId)
        : await supportApi.claim(host, props.topicId, action === 'take-over');
    setBusy(false);
    if (!result.ok) {
      if (result.status === 409 && result.error.fields?.claimedBy) {
        ask(result.error.fields.claimedBy);
        return;
      }
      setError(problem(result));
      host.announce(problem(result));
      return;
    }
    setConfirming(null);
    host.announce(host.t(action === 'release' ? 'support.claim.released' : 'support.claim.claimed'));
    await host.reload();
  };

  return (
    <Show when={isStaff(host.session.user)}>
      <span class="support-claim">
        <Button
          small
          variant="secondary"
          busy={busy()}
          id={`support-claim-${props.topicId}`}
          aria-pressed={mine() ? 'true' : 'false'}
          aria-label={props.label}
          onClick={() => {
            if (mine()) void run('release');
            else if (props.claimedBy) {
              ask(host.t('support.claim.take_over_question', { name: props.claimedBy.displayName }));
            } else void run('claim');
          }}
        >
          {host.t('support.claim.action')}
        </Button>
        <Show when={error()}>
          <span class="support-error" role="alert">
            {error()}
          </span>
        </Show>
      </span>
      <Show when={confirming()}>
        {(question) => (
          <fieldset class="confirm support-confirm" id={confirmId()} tabindex="-1">
            <legend>{question()}</legend>
            <div class="actions">
              <Button small variant="primary" busy={busy()} onClick={() => void run('take-over')}>
                {host.t('support.claim.take_over')}
              </Button>
              <Button
                small
                variant="ghost"
                onClick={() => {
                  setConfirming(null);
                  document.getElementById(`support-claim-${props.topicId}`)?.focus();
                }}
              >
                {host.t('support.cancel')}
              </Button>
            </div>
          </fieldset>
        )}
      </Show>
    </Show>
  );
}
