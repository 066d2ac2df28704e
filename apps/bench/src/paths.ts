import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${start}`);
    dir = parent;
  }
}

export const benchDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const repoRoot = findRepoRoot(benchDir);
/** Shared data sets live beside the checkout, never inside it; a fresh clone has none. */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const resultsDir = path.join(benchDir, 'results');
export const embeddedDataDir = path.join(repoRoot, '.data/bench-pg');
export const migrationsDir = path.join(repoRoot, 'packages/db/migrations');
export const webServerEntry = path.join(repoRoot, 'apps/web/dist/server/entry-server.js');
export const apiMain = path.join(repoRoot, 'apps/api/src/main.ts');
