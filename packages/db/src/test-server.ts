import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: points tests at a real PostgreSQL. Uses DATABASE_URL when given (CI),
 * else starts an embedded server under .data/test-pg, in a child process, for the run.
 */
export async function startTestPostgres(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return async () => {};
  }
  const port = 55432 + Math.floor(Math.random() * 1000);
  const script = fileURLToPath(new URL('./embedded-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, `${process.cwd()}/.data/test-pg`, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited early (code ${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice(6));
    });
  });
  process.env.TEST_DATABASE_ADMIN_URL = url;
  return async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  };
}
