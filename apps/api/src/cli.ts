import { migrateDatabase, users } from '@parvis/db';
import { usernamePattern } from '@parvis/domain';
import { createSearchEngine } from '@parvis/search';
import { eq } from 'drizzle-orm';
import { hashPassword } from './auth/password';
import { loadEnv } from './env';
import { collectExtensions } from './plugins/extensions';
import { selectPlugins } from './plugins/host';
import { openDatabase } from './runtime';
import { rebuildIndex } from './search/indexer';

const usage = `Usage:
  pnpm parvis admin:create <username> <email> <password>   create an admin, or make an existing member admin
  pnpm parvis reindex                                      rebuild the search index from PostgreSQL`;

const [command, ...args] = process.argv.slice(2);
const env = loadEnv();

async function main(): Promise<number> {
  if (command !== 'admin:create' && command !== 'reindex') {
    console.log(usage);
    return command ? 2 : 0;
  }
  const { connection, embedded } = await openDatabase(env);
  try {
    await migrateDatabase(connection.db);
    if (command === 'admin:create') {
      const [username, email, password] = args;
      if (
        !username ||
        !usernamePattern.test(username) ||
        !email?.includes('@') ||
        !password ||
        password.length < 10
      ) {
        console.error(
          'admin:create needs a username (3–30 letters, digits, _ - .), an email and a password of 10+ characters.',
        );
        return 2;
      }
      const [existing] = await connection.db.select().from(users).where(eq(users.username, username));
      if (existing) {
        await connection.db.update(users).set({ role: 'admin' }).where(eq(users.id, existing.id));
        console.log(`${username} is now an admin.`);
      } else {
        await connection.db.insert(users).values({
          username,
          email,
          displayName: username,
          role: 'admin',
          // Whoever runs the command on the server vouches for the address.
          emailVerifiedAt: new Date(),
          passwordHash: await hashPassword(password),
        });
        console.log(`Admin ${username} created.`);
      }
      return 0;
    }
    const engine = createSearchEngine({ meiliUrl: env.MEILI_URL, meiliKey: env.MEILI_KEY });
    await engine.init();
    const started = Date.now();
    const extensions = collectExtensions(selectPlugins(env.PARVIS_PLUGINS));
    const count = await rebuildIndex(connection.db, engine, extensions);
    console.log(`Indexed ${count} documents into ${engine.name} in ${Date.now() - started} ms.`);
    if (engine.name === 'embedded') {
      console.log(
        'The embedded index lives inside each running server and is rebuilt from PostgreSQL at every start.',
      );
    }
    await engine.close();
    return 0;
  } finally {
    await connection.close();
    await embedded?.stop();
  }
}

// Exit explicitly: the embedded PostgreSQL's exit hooks would otherwise end the process with 0.
process.exit(await main());
