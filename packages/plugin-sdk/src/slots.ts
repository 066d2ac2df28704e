/**
 * Named places in the UI where plugins may render a component. The web app renders, at each
 * slot, the components of the enabled plugins that fill it.
 */
export const slotNames = ['nav.links', 'home.aside', 'topic.after-posts', 'profile.aside'] as const;
export type SlotName = (typeof slotNames)[number];
