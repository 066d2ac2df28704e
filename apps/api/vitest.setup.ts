import { startTestPostgres } from '@parvis/db/test-server';

export default async function setup() {
  return startTestPostgres();
}
