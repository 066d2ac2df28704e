import { startTestPostgres } from './src/test-server';

export default async function setup() {
  return startTestPostgres();
}
