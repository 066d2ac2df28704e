import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { freePort, sleep } from './net';
import { repoRoot, webServerEntry } from './paths';

export interface RunningServer {
  url: string;
  pid: number;
  /** Milliseconds from spawning the process to the first `GET /readyz` = 200. */
  readyMs: number;
  /** What the server logged about its search index rebuild, when it did. */
  searchIndex: { documents: number; ms: number } | null;
  logFile: string;
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its server bundle is missing, since the API renders pages with it. */
export async function ensureWebBuilt(log: (message: string) => void): Promise<void> {
  if (existsSync(webServerEntry)) {
    if (newestMtime(path.join(repoRoot, 'apps/web/src')) > statSync(webServerEntry).mtimeMs) {
      log(
        'warning: apps/web/src changed since the last web build; run pnpm --filter @parvis/web build for current figures',
      );
    }
    return;
  }
  log('web app not built: running pnpm --filter @parvis/web build');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@parvis/web', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0 || !existsSync(webServerEntry)) throw new Error(`web build failed (exit ${code})`);
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `apps/api` the way production does and waits until it reports ready. */
export async function startServer(
  databaseUrl: string,
  options: { timeoutMs: number },
): Promise<RunningServer> {
  const port = await freePort();
  const logDir = path.join(repoRoot, '.data');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'bench-server.log');
  const logStream = createWriteStream(logFile);
  const started = Date.now();
  // As apps/api's start script runs it, flags included.
  const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'apps/api'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      PARVIS_DEMO_SEED: 'false',
      LOG_REQUESTS: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  let searchIndex: RunningServer['searchIndex'] = null;
  const onOutput = (chunk: Buffer) => {
    logStream.write(chunk);
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      if (line.includes('search index built')) {
        try {
          const parsed = JSON.parse(line) as { documents?: number; ms?: number };
          searchIndex = { documents: Number(parsed.documents ?? 0), ms: Number(parsed.ms ?? 0) };
        } catch {}
      }
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 15_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    logStream.end();
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = started + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${recent.join('\n')}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready after ${options.timeoutMs / 1000} s:\n${recent.join('\n')}`);
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {}
    await sleep(100);
  }
  return { url, pid: child.pid!, readyMs: Date.now() - started, searchIndex, logFile, stop };
}

/**
 * Waits until the server answers `GET /readyz` (a database round trip) quickly three times in a
 * row. Requests abandoned by a timed-out client keep running on the server; without this, one slow
 * scenario's backlog would be billed to the next. Returns the milliseconds waited.
 */
export async function waitUntilIdle(url: string, maxMs = 120_000): Promise<number> {
  const started = Date.now();
  let fast = 0;
  while (fast < 3 && Date.now() - started < maxMs) {
    const sent = performance.now();
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      fast = response.ok && performance.now() - sent < 20 ? fast + 1 : 0;
    } catch {
      fast = 0;
    }
    await sleep(fast > 0 ? 50 : 250);
  }
  return Date.now() - started;
}

export const memberUsername = 'bench_member';

const member = {
  username: memberUsername,
  email: 'bench_member@bench.parvis.example',
  password: 'bench-member-password',
};

/**
 * A signed-in member's session cookie: signs up once (a seeded database keeps the account), then
 * signs in. Members' pages skip the guest page cache.
 */
export async function memberCookie(url: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${url}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let response = await post('sign-up', { ...member, locale: 'fr', displayName: 'Bench Member' });
  if (response.status === 409) {
    await response.arrayBuffer();
    response = await post('sign-in', { login: member.username, password: member.password });
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 200)}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error('no session cookie in the answer');
  return cookies.join('; ');
}
