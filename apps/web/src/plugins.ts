import { type Locale, registerMessages } from '@parvis/domain';
import type { SlotName } from '@parvis/plugin-sdk/slots';
import { welcomeWeb } from '@parvis/plugin-welcome/web';
import type { Component } from 'solid-js';

export interface SlotProps {
  locale: Locale;
  t: (key: string, params?: Record<string, string | number>) => string;
  data: unknown;
}

/** Fetches JSON from a path under `/api/v1`; resolves to null when the call fails. */
export type SlotFetch = (path: string) => Promise<unknown>;

/** A plugin's web part: the components it puts in UI slots, their data and its strings. */
export interface WebPlugin {
  id: string;
  slots: Partial<Record<SlotName, Component<SlotProps>>>;
  load?: Partial<Record<SlotName, (get: SlotFetch) => Promise<unknown>>>;
  messages: Record<Locale, Record<string, string>>;
}

/** Every plugin web part the web knows; a part shows only while its plugin is enabled. */
export const webPlugins: readonly WebPlugin[] = [welcomeWeb satisfies WebPlugin];

for (const plugin of webPlugins) registerMessages(plugin.messages);

export function pluginsFor(slot: SlotName, enabled: readonly string[]): WebPlugin[] {
  return webPlugins.filter((plugin) => plugin.slots[slot] && enabled.includes(plugin.id));
}

export const slotKey = (pluginId: string, slot: SlotName) => `${pluginId}:${slot}`;
