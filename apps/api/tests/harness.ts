import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rateLimits, users } from '@parvis/db';
import { createTestDatabase } from '@parvis/db/testing';
import type { Role } from '@parvis/domain';
import type { SearchEngine } from '@parvis/search';
import { eq } from 'drizzle-orm';
import { loadEnv } from '../src/env';
import type { RenderPage, SharedPageRenderer } from '../src/pages/renderer';
import { type Runtime, startRuntime } from '../src/runtime';

export const origin = 'http://localhost';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like API client: keeps its session cookie and sends our Origin on writes. */
export class Client {
  cookie: string | null = null;
  constructor(
    private readonly runtime: Runtime,
    readonly name = 'guest',
  ) {}

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const init: RequestInit = {
      method,
      headers: { origin, ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    };
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await this.runtime.app.request(`${origin}/api/v1${path}`, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('parvis_session=')) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'parvis_session=' ? null : value;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.call<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.call<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.call<T>('PUT', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.call<T>('DELETE', path);
  }
}

export interface Harness {
  runtime: Runtime;
  guest(): Client;
  /**
   * Signs up a new member (optionally promoted to a role) and returns their signed-in client.
   * Their address counts as confirmed unless `verified: false`; the confirmation link itself is
   * tested in auth-mail.test.ts.
   */
  member(
    username: string,
    options?: { role?: Role; locale?: 'en' | 'fr'; verified?: boolean },
  ): Promise<Client & { id: number }>;
  /** Runs the listeners (notifications, indexing, plugins) on everything committed so far. */
  settle(): Promise<void>;
  /** Forgets every rate-limit counter, for tests that write a lot on purpose. */
  resetRateLimits(): Promise<void>;
  close(): Promise<void>;
}

export const password = 'correct horse battery';

/** A new account signed up through `runtime`, its client signed in. */
export async function signUp(
  runtime: Runtime,
  username: string,
  locale: 'en' | 'fr' = 'en',
): Promise<Client & { id: number }> {
  const client = new Client(runtime, username);
  const res = await client.post('/auth/sign-up', {
    username,
    email: `${username}@example.com`,
    password,
    locale,
  });
  if (res.status !== 201) throw new Error(`sign-up of ${username} failed: ${JSON.stringify(res.body)}`);
  return Object.assign(client, { id: res.body.user.id as number });
}

export async function startHarness(
  envOverrides: Record<string, string> = {},
  options: {
    renderPage?: RenderPage;
    sharedPages?: SharedPageRenderer;
    search?: SearchEngine;
    indexInBackground?: boolean;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  // Mail without SMTP_URL is written under the data folder: keep test mail out of ./.data.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parvis-api-test-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    PARVIS_DEMO_SEED: 'false',
    PARVIS_DATA_DIR: dataDir,
    ...envOverrides,
  });
  const runtime = await startRuntime({
    env,
    connection: database,
    renderPage: options.renderPage ?? null,
    sharedPages: options.sharedPages ?? null,
    ...(options.search ? { search: options.search } : {}),
    indexInBackground: options.indexInBackground ?? false,
  });
  return {
    runtime,
    guest: () => new Client(runtime),
    async member(username, options = {}) {
      const client = await signUp(runtime, username, options.locale ?? 'en');
      const { id } = client;
      await database.db
        .update(users)
        .set({
          role: options.role ?? 'member',
          emailVerifiedAt: options.verified === false ? null : new Date(),
        })
        .where(eq(users.id, id));
      // The confirmation mail may have gone out before the address counted as confirmed: let
      // it settle now, so a test's own mail is all that arrives afterwards.
      await runtime.mail.drain();
      return client;
    },
    settle: () => runtime.settle(),
    async resetRateLimits() {
      await database.db.delete(rateLimits);
    },
    async close() {
      await runtime.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
