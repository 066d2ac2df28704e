import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { serve } from '@hono/node-server';
import { loadEnv } from '../src/env';
import { loadRenderer } from '../src/pages/renderer';
import { openDatabase, startRuntime } from '../src/runtime';

const env = loadEnv();
const { connection } = await openDatabase(env);
const runtime = await startRuntime({ env, connection, renderPage: await loadRenderer() });
serve({ fetch: runtime.app.fetch, port: env.PORT });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
console.log('READY');
process.on('SIGINT', async () => {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/prof/req.cpuprofile', JSON.stringify(profile));
  process.exit(0);
});
