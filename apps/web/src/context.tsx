import { type Locale, translate } from '@parvis/domain';
import type { WebHost } from '@parvis/plugin-sdk/web';
import { type Accessor, createContext, useContext } from 'solid-js';
import type { Api, Session } from './api';
import type { Translate } from './i18n';

export interface NavigateOptions {
  replace?: boolean;
  /** Keep the scroll position (e.g. when reloading the current page's data). */
  keepScroll?: boolean;
}

export interface AppContextValue {
  /** Reactive: the signed-in person, locale, unread count and enabled plugins. */
  session: Session;
  setUnread: (count: number) => void;
  /** Makes the next navigation wait for this write before it reads the session again. */
  trackWrite: (write: Promise<unknown>) => void;
  locale: Locale;
  t: Translate;
  api: Api;
  /** Path and query of the page shown. */
  url: Accessor<string>;
  navigate: (to: string, options?: NavigateOptions) => Promise<void>;
  /** Loads the current page's data again, in place. */
  reload: () => Promise<void>;
  /** Becomes true once the page is interactive (always false while rendering on the server). */
  hydrated: Accessor<boolean>;
  pending: Accessor<boolean>;
  /** Says something to screen readers through the page's polite live region. */
  announce: (message: string) => void;
  announcement: Accessor<string>;
  slotData: (key: string) => unknown;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const context = useContext(AppContext);
  if (!context) throw new Error('useApp() outside <App>');
  return context;
}

/** The app as plugins see it: the SDK's WebHost, built from the app context. */
export function webHost(app: AppContextValue): WebHost {
  return {
    session: app.session,
    locale: app.locale,
    // Plugins bring their own keys, so their translate takes any key.
    t: (key, params) => translate(app.locale, key, params),
    api: app.api,
    navigate: app.navigate,
    reload: app.reload,
    announce: app.announce,
    hydrated: app.hydrated,
    trackWrite: app.trackWrite,
  };
}
