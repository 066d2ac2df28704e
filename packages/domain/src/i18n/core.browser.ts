/**
 * None in the browser bundle: a page downloads its own language only, with the web app's
 * strings, and registers it (apps/web/src/i18n). Shipping both here cost every page 1 KB.
 */
export const core = { en: {}, fr: {} };
