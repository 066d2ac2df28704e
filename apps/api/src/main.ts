import { serve } from '@hono/node-server';
import { loadEnv } from './env';
import { loadRenderer } from './pages/renderer';
import { log, openDatabase, startRuntime } from './runtime';
import { demoAdmin, seedDemo } from './seed/demo';

const env = loadEnv();
const { connection, embedded } = await openDatabase(env);
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await runtime?.close().catch(() => {});
  await connection.close().catch(() => {});
  // The embedded server must stop cleanly or it leaves a stale postmaster.pid behind.
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));

let runtime: Awaited<ReturnType<typeof startRuntime>> | undefined;
try {
  const renderer = await loadRenderer();
  runtime = await startRuntime({
    env,
    connection,
    renderPage: renderer?.renderPage ?? null,
    sharedPages: renderer?.sharedPages ?? null,
    indexInBackground: true,
    beforeIndex: async ({ db }, plugins) => {
      if (env.PARVIS_DEMO_SEED && (await seedDemo(db, plugins))) {
        log('demo community created', { admin: demoAdmin.username, password: demoAdmin.password });
      }
    },
  });
} catch (error) {
  console.error(error);
  await shutdown(1);
}

const { app } = runtime!;
serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  log(`Parvis is running at http://localhost:${info.port}`, {
    database: embedded ? 'embedded' : 'DATABASE_URL',
    search: runtime!.services.search.name,
    mail: runtime!.mail.mode === 'smtp' ? 'SMTP_URL' : runtime!.mail.folder,
    plugins: runtime!.plugins,
  });
});
runtime!.indexed.then(
  () => log('ready: search is available'),
  () => void shutdown(1),
);
