import { batch, createSignal, onCleanup, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { Dynamic } from 'solid-js/web';
import type { Api, Session } from './api';
import { Layout } from './components/Layout';
import { AppContext, type AppContextValue, type NavigateOptions, webHost } from './context';
import { translator } from './i18n';
import { withChanges } from './overlay';
import type { Head, PageState, Payload } from './router';
import { ensurePage, headFor, loadedPage, loadPage, matchRoute } from './routes';

export interface AppProps {
  payload: Payload;
  api: Api;
  /**
   * Renders the header and footer around an empty main element: the server's per-viewer part of
   * a page whose content is shared by every member of the same role (see entry-server).
   */
  chromeOnly?: boolean;
}

function applyHead(head: Head) {
  document.title = head.title;
  document.querySelector('meta[name="description"]')?.setAttribute('content', head.description ?? '');
  document.querySelector('link[rel="canonical"]')?.setAttribute('href', head.canonical);
}

/** Links the client router leaves to the browser: other sites, files, API calls, new tabs. */
function routableAnchor(event: MouseEvent): HTMLAnchorElement | null {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return null;
  }
  const target = event.target instanceof Element ? event.target : null;
  const anchor = target?.closest('a');
  if (!anchor?.href || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download'))
    return null;
  if (anchor.hasAttribute('data-reload') || anchor.getAttribute('rel')?.includes('external')) return null;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return null;
  if (/^\/(api|assets)\//.test(url.pathname) || /\.[a-z0-9]+$/i.test(url.pathname)) return null;
  return anchor;
}

export function App(props: AppProps) {
  const [session, setSession] = createStore<Session>(props.payload.session);
  const [page, setPage] = createSignal<PageState>(props.payload.page);
  const [url, setUrl] = createSignal(props.payload.page.url);
  const [hydrated, setHydrated] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal('');
  const locale = props.payload.session.locale;
  const t = translator(locale);
  let navigation = 0;

  const announce = (message: string) => {
    // Clearing first makes screen readers repeat an identical message (e.g. two likes in a row).
    setAnnouncement('');
    setTimeout(() => setAnnouncement(message), 50);
  };

  let pendingWrites: Promise<unknown> = Promise.resolve();
  const trackWrite = (write: Promise<unknown>) => {
    pendingWrites = Promise.allSettled([pendingWrites, write]);
  };
  const navigate = async (to: string, options: NavigateOptions = {}, fromHistory = false): Promise<void> => {
    const target = new URL(to, window.location.href);
    if (target.origin !== window.location.origin) {
      window.location.assign(target.href);
      return;
    }
    const next = target.pathname + target.search;
    const token = ++navigation;
    if (!fromHistory) window.history.replaceState({ ...window.history.state, scroll: window.scrollY }, '');
    setPending(true);
    // Read the session only after writes started by this click (e.g. marking a notification read)
    // have landed; the microtask lets a click handler that runs after ours register its write first.
    const freshSession = Promise.resolve()
      .then(() => pendingWrites)
      .then(() => props.api.session())
      .then((r) => (r.ok ? r.data : { ...session }));
    let result: Awaited<ReturnType<typeof loadPage>>;
    try {
      result = await loadPage(next, props.api, freshSession);
    } catch {
      window.location.assign(target.href);
      return;
    }
    if (token !== navigation) return;
    if (result.kind === 'redirect') {
      setPending(false);
      return navigate(result.to, { replace: true });
    }
    const current = await freshSession;
    if (current.user?.id !== session.user?.id || current.locale !== locale) {
      // Signed in or out elsewhere, or the language changed: a full load renders everything anew.
      window.location.assign(target.href);
      return;
    }
    if (!fromHistory) {
      if (options.replace) window.history.replaceState({ scroll: 0 }, '', target.href);
      else window.history.pushState({ scroll: 0 }, '', target.href);
    }
    const loaded = result.page;
    batch(() => {
      setSession(reconcile(current));
      setPage(loaded);
      setUrl(next);
      setPending(false);
    });
    applyHead(headFor(loaded, t, locale));

    if (fromHistory) {
      const saved = (window.history.state as { scroll?: number } | null)?.scroll;
      window.scrollTo(0, saved ?? 0);
    } else if (target.hash) {
      document.getElementById(decodeURIComponent(target.hash.slice(1)))?.scrollIntoView();
    } else if (!options.keepScroll) {
      window.scrollTo(0, 0);
    }
    if (!options.keepScroll) {
      // Move focus to the new page's heading so keyboard and screen-reader users start there.
      const focusTarget = target.hash
        ? document.getElementById(decodeURIComponent(target.hash.slice(1)))
        : document.querySelector<HTMLElement>('main h1');
      focusTarget?.focus({ preventScroll: true });
    }
  };

  onMount(() => {
    window.history.scrollRestoration = 'manual';
    setHydrated(true);
    const { overlay } = props.payload;
    // A page shared by the viewer's kind of member becomes their own (their posts editable, their
    // likes shown) right after hydration: after it has finished, so the page renders anew.
    if (overlay?.length) queueMicrotask(() => setPage(withChanges(props.payload.page, overlay)));
    const onClick = (event: MouseEvent) => {
      const anchor = routableAnchor(event);
      if (!anchor) return;
      const href = new URL(anchor.href);
      const here = window.location;
      // Same page, only a fragment: let the browser scroll.
      if (href.pathname === here.pathname && href.search === here.search && href.hash) return;
      event.preventDefault();
      void navigate(href.href);
    };
    const onPopState = () => {
      const here = window.location.pathname + window.location.search;
      if (here === url()) return;
      void navigate(window.location.href, {}, true);
    };
    // Fetch a page's code when a link to it is about to be followed, not before.
    const warm = (event: Event) => {
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor?.href) return;
      const href = new URL(anchor.href);
      if (href.origin !== window.location.origin) return;
      const found = matchRoute(href.pathname);
      if (found) void ensurePage(found.route.id).catch(() => undefined);
    };
    document.addEventListener('click', onClick);
    document.addEventListener('pointerover', warm, { passive: true });
    document.addEventListener('focusin', warm);
    window.addEventListener('popstate', onPopState);
    onCleanup(() => {
      document.removeEventListener('click', onClick);
      document.removeEventListener('pointerover', warm);
      document.removeEventListener('focusin', warm);
      window.removeEventListener('popstate', onPopState);
    });
  });

  const context: AppContextValue = {
    session,
    setUnread: (count) => setSession('unreadNotifications', count),
    trackWrite,
    locale,
    t,
    api: props.api,
    url,
    navigate: (to, options) => navigate(to, options),
    reload: () => navigate(url(), { replace: true, keepScroll: true }),
    hydrated,
    pending,
    announce,
    announcement,
    slotData: (key) => page().slots[key] ?? null,
  };

  const host = webHost(context);

  return (
    <AppContext.Provider value={context}>
      <Layout>
        <Show when={!props.chromeOnly && page()} keyed>
          {(current) => (
            <Dynamic
              component={loadedPage(current.routeId).component}
              data={current.data}
              params={current.params}
              query={new URLSearchParams(current.url.split('?')[1] ?? '')}
              host={host}
            />
          )}
        </Show>
      </Layout>
    </AppContext.Provider>
  );
}
