import type { SlotName } from '@parvis/plugin-sdk/slots';
import type { WebHost } from '@parvis/plugin-sdk/web';
import { For } from 'solid-js';
import { type AppContextValue, useApp, webHost } from '../context';
import { pluginsFor, slotKey } from '../plugins';

/** One host per app: a topic page has two slots per post, and each used to build its own. */
const hosts = new WeakMap<AppContextValue, WebHost>();

function hostOf(app: AppContextValue): WebHost {
  let host = hosts.get(app);
  if (!host) {
    host = webHost(app);
    hosts.set(app, host);
  }
  return host;
}

/**
 * Renders, in order, the components that enabled plugins put in this slot, each with the
 * slot's context (what the page shows there: a topic, a post, the composer's fields…).
 */
export function Slot(props: { name: SlotName; context?: unknown }) {
  const app = useApp();
  const host = hostOf(app);
  return (
    <For each={pluginsFor(props.name, app.session.enabledPlugins)}>
      {(plugin) => {
        // A plugin's part for a slot never changes: render it directly rather than through
        // <Dynamic>, whose extra memo and props split showed in every post's rendering.
        const Part = plugin.slots![props.name]!;
        return (
          <Part
            host={host}
            locale={app.locale}
            t={host.t}
            data={app.slotData(slotKey(plugin.id, props.name))}
            context={props.context as never}
          />
        );
      }}
    </For>
  );
}
