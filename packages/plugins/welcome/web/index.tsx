import type { SlotProps, WebPlugin } from '@parvis/plugin-sdk/web';
import { type Component, Show } from 'solid-js';

function tipOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const tip = (data as { tip?: unknown }).tip;
  return typeof tip === 'string' && tip.trim() ? tip : null;
}

const NewHereCard: Component<SlotProps> = (props) => (
  <section class="card welcome-card" data-plugin="welcome" aria-labelledby="welcome-card-title">
    <h2 id="welcome-card-title" class="card-title">
      {props.t('welcome.card.title')}
    </h2>
    <p>{props.t('welcome.card.text')}</p>
    <Show when={tipOf(props.data)}>{(tip) => <p class="welcome-tip">{tip()}</p>}</Show>
  </section>
);

export const welcomeWeb: WebPlugin = {
  id: 'welcome',
  slots: { 'home.aside': NewHereCard },
  /** Data each slot needs, fetched with the page so the card is in the server-rendered HTML. */
  load: {
    'home.aside': ({ get }) => get('/plugins/welcome/tip'),
  },
  messages: {
    en: () => import('./messages/en').then((module) => module.en),
    fr: () => import('./messages/fr').then((module) => module.fr),
  },
};
