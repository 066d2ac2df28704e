import { translate } from '@parvis/domain';
import type { SlotName } from '@parvis/plugin-sdk/slots';
import { For } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { useApp } from '../context';
import { pluginsFor, slotKey } from '../plugins';

/** Renders, in order, the components that enabled plugins put in this slot. */
export function Slot(props: { name: SlotName }) {
  const app = useApp();
  const t = (key: string, params?: Record<string, string | number>) => translate(app.locale, key, params);
  return (
    <For each={pluginsFor(props.name, app.session.enabledPlugins)}>
      {(plugin) => (
        <Dynamic
          component={plugin.slots[props.name]}
          locale={app.locale}
          t={t}
          data={app.slotData(slotKey(plugin.id, props.name))}
        />
      )}
    </For>
  );
}
