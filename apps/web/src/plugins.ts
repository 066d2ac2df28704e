import { faqWeb } from '@parvis/plugin-faq/web';
import type { SlotName } from '@parvis/plugin-sdk/slots';
import type { WebPlugin } from '@parvis/plugin-sdk/web';
import { supportWeb } from '@parvis/plugin-support/web';
import { welcomeWeb } from '@parvis/plugin-welcome/web';

export type { SlotLoadArgs, SlotProps, WebPlugin } from '@parvis/plugin-sdk/web';

/** Every plugin web part the web knows; a part shows only while its plugin is enabled. */
export const webPlugins: readonly WebPlugin[] = [welcomeWeb, faqWeb, supportWeb];

export function pluginsFor(slot: SlotName, enabled: readonly string[]): WebPlugin[] {
  return webPlugins.filter((plugin) => plugin.slots?.[slot] && enabled.includes(plugin.id));
}

export const slotKey = (pluginId: string, slot: SlotName) => `${pluginId}:${slot}`;
