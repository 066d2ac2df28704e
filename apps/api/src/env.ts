import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so `./.data` means the same folder whichever package runs the process. */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** The address people use to reach Parvis; decides Secure cookies and the accepted Origin. */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  /** Port of the embedded PostgreSQL used when DATABASE_URL is unset. */
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54329),
  PARVIS_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  MEILI_URL: z.url().optional(),
  MEILI_KEY: z.string().optional(),
  /** Run the embedded search engine on its own thread (default on); off, in the request thread. */
  SEARCH_THREAD: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Heap limit of the search thread in MB; the index of a million posts takes about 3.5 GB. */
  SEARCH_THREAD_HEAP_MB: z.coerce.number().int().min(256).default(8192),
  /** e.g. `smtps://user:pass@smtp.example.com`; unset, mails are written to `<PARVIS_DATA_DIR>/mail/*.eml`. */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  /** The sender of notification emails. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => v?.trim() || 'Parvis <no-reply@localhost>'),
  /** Comma-separated plugin ids; unset enables every plugin listed in plugins/config.ts. */
  PARVIS_PLUGINS: z.string().optional(),
  /** Seed the demo community into an empty database on start (default on). */
  PARVIS_DEMO_SEED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Set when a load balancer in front sets X-Forwarded-For (used for per-IP rate limits). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_REQUESTS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type Env = z.infer<typeof schema>;

/** The only place that reads process.env: parsed and checked once, at start. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
