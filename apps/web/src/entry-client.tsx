import './styles.css';
import { hydrate } from 'solid-js/web';
import { API_BASE, createApi } from './api';
import { App } from './app';
import { loadMessages } from './i18n';
import type { Payload } from './router';
import { ensurePage } from './routes';

const data = document.getElementById('parvis-data');
const root = document.getElementById('app');

async function start(payload: Payload, root: HTMLElement) {
  // The server already preloads both chunks; hydration needs them before it can match the HTML.
  await Promise.all([loadMessages(payload.session.locale), ensurePage(payload.page.routeId)]);
  const api = createApi(
    (path, init) => fetch(API_BASE + path, { ...init, credentials: 'same-origin' }),
    () => payload.session.locale,
  );
  hydrate(() => <App payload={payload} api={api} />, root);
}

if (data?.textContent && root) void start(JSON.parse(data.textContent) as Payload, root);
