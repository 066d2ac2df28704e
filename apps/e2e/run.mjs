// Runs the browser tests: finds Chromium, gives the server a fresh database, builds the web
// app, then hands over to Playwright. Outside CI a missing browser is a plain "skipped".
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!existsSync(chromium)) {
  if (inCi) {
    console.error(`Browser tests need Chromium at ${chromium}, and CI must have it: failing.`);
    process.exit(1);
  }
  console.log(
    `Browser tests skipped: no Chromium at ${chromium} (set CHROMIUM_PATH, or install Debian's chromium).`,
  );
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
let dropDatabase = async () => {};
// The server's own folder (embedded database, mail written as .eml files), removed afterwards.
const dataDir = mkdtempSync(path.join(tmpdir(), 'parvis-e2e-'));
env.PARVIS_DATA_DIR = dataDir;
if (process.env.DATABASE_URL) {
  // A database of its own on the given server, dropped afterwards.
  const name = `parvis_e2e_${randomBytes(4).toString('hex')}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const again = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists ${name} with (force)`);
    await again.end();
  };
} else {
  env.EMBEDDED_PG_PORT = String(56000 + Math.floor(Math.random() * 2000));
}

const root = path.resolve(import.meta.dirname, '../..');
const build = spawnSync('pnpm', ['--filter', '@parvis/web', 'build'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

// `pnpm test -- -g flow` hands the script a leading "--", which Playwright would read as "no more options".
const extra = process.argv.slice(2);
if (extra[0] === '--') extra.shift();
const result = spawnSync('pnpm', ['exec', 'playwright', 'test', ...extra], {
  cwd: import.meta.dirname,
  stdio: 'inherit',
  env,
});
await dropDatabase().catch(() => {});
rmSync(dataDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
