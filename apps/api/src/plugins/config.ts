import faq from '@parvis/plugin-faq';
import type { PluginDefinition } from '@parvis/plugin-sdk';
import support from '@parvis/plugin-support';
import welcome from '@parvis/plugin-welcome';

/** Every plugin shipped with Parvis. PARVIS_PLUGINS chooses which are enabled (all by default). */
export const installedPlugins: PluginDefinition[] = [welcome, faq, support];
