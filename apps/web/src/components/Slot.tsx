import type { SlotName } from '@parvis/plugin-sdk/slots';
import { For } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { useApp, webHost } from '../context';
import { pluginsFor, slotKey } from '../plugins';

/**
 * Renders, in order, the components that enabled plugins put in this slot, each with the
 * slot's context (what the page shows there: a topic, a post, the composer's fields…).
 */
export function Slot(props: { name: SlotName; context?: unknown }) {
  const app = useApp();
  const host = webHost(app);
  return (
    <For each={pluginsFor(props.name, app.session.enabledPlugins)}>
      {(plugin) => (
        <Dynamic
          component={plugin.slots?.[props.name]}
          host={host}
          locale={app.locale}
          t={host.t}
          data={app.slotData(slotKey(plugin.id, props.name))}
          context={props.context as never}
        />
      )}
    </For>
  );
}
