import { defineConfig } from 'drizzle-kit';

// Only the plugin's own tables: the core's are migrated by @parvis/db.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  tablesFilter: ['faq_*'],
});
