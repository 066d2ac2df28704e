import { defineConfig } from 'vitest/config';

// Generous timeouts: against a Meilisearch server every write waits for its task.
export default defineConfig({ test: { testTimeout: 20_000, hookTimeout: 60_000 } });
