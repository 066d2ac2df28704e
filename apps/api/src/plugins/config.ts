import type { PluginDefinition } from '@parvis/plugin-sdk';
import welcome from '@parvis/plugin-welcome';

/** Every plugin shipped with Parvis. PARVIS_PLUGINS chooses which are enabled (all by default). */
export const installedPlugins: PluginDefinition[] = [welcome];
