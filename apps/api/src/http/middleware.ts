import { randomFillSync } from 'node:crypto';
import { isLocale, type Locale, localeFromAcceptLanguage } from '@parvis/domain';
import type { HostEnv, HostServices, SessionUser } from '@parvis/plugin-sdk';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionCache } from '../auth/session-cache';
import { sessionCookie, validateSessionToken } from '../auth/sessions';
import { AppError } from './errors';

export const localeCookie = 'parvis_locale';

const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;

/**
 * `size` fresh random bytes as text, never handed out twice. Drawn from a pool filled 4 KB at a
 * time: asking the system for 8 and then 16 bytes on every request took 2 % of a member's page
 * (Node's randomUUID pools its randomness the same way).
 */
function randomText(size: number, encoding: 'hex' | 'base64'): string {
  if (randomOffset + size > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const text = randomPool.toString(encoding, randomOffset, randomOffset + size);
  randomOffset += size;
  return text;
}

export function requestContext(services: HostServices): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomText(8, 'hex'));
    c.set('nonce', randomText(16, 'base64'));
    c.set('services', services);
    c.set('user', null);
    c.set('actor', null);
    c.set('sessionId', null);
    c.set('unreadNotifications', 0);
    c.set('keepGuestCaches', false);
    c.set('locale', guestLocale(c));
    // Before the handler, as for securityHeaders.
    c.header('X-Request-Id', c.get('requestId'));
    await next();
    if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', c.get('requestId'));
  };
}

function guestLocale(c: Context): Locale {
  const chosen = getCookie(c, localeCookie);
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(c.req.header('accept-language'));
}

export function isSecureRequest(c: Context, publicUrl?: string): boolean {
  if (publicUrl) return publicUrl.startsWith('https:');
  return new URL(c.req.url).protocol === 'https:';
}

export function writeSessionCookie(c: Context, token: string, expiresAt: Date, publicUrl?: string) {
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    secure: isSecureRequest(c, publicUrl),
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, sessionCookie, { path: '/' });
}

/**
 * Set on the in-process API calls a page render makes, carrying the session its outer request
 * already validated, so one page view checks the session once instead of once per call.
 */
export interface ResolvedSession {
  user: SessionUser | null;
  sessionId: string | null;
  unreadNotifications: number;
}
export const resolvedSessionKey = 'parvisResolvedSession';

/** Loads the signed-in person from the session cookie, extending the session when due. */
export function sessionLoader(sessions: SessionCache, publicUrl?: string): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    const resolved = (c.env as Record<string, unknown> | undefined)?.[resolvedSessionKey] as
      | ResolvedSession
      | undefined;
    if (resolved) {
      if (resolved.user) {
        c.set('user', resolved.user);
        c.set('actor', { id: resolved.user.id, role: resolved.user.role });
        c.set('sessionId', resolved.sessionId);
        c.set('unreadNotifications', resolved.unreadNotifications);
        c.set('locale', resolved.user.locale);
      }
      return next();
    }
    const token = getCookie(c, sessionCookie);
    if (token) {
      const services = c.get('services');
      const result = await validateSessionToken(services.db, token, sessions);
      if (result) {
        const { user } = result;
        c.set('user', user);
        c.set('actor', { id: user.id, role: user.role });
        c.set('sessionId', result.sessionId);
        c.set('unreadNotifications', result.unreadNotifications);
        c.set('locale', user.locale);
        if (result.renewed) writeSessionCookie(c, token, result.expiresAt, publicUrl);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence: a state-changing request from a browser must come from our own origin.
 * Browsers always send Origin on such requests; a request without one and without cookies
 * (a script or CLI) cannot ride on someone's session, so it is let through.
 */
export function originCheck(publicUrl?: string): MiddlewareHandler<HostEnv> {
  const allowedHost = publicUrl ? new URL(publicUrl).host : null;
  return async (c, next) => {
    if (!safeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin) {
        let host: string | null = null;
        try {
          host = new URL(origin).host;
        } catch {
          host = null;
        }
        const requestHost = new URL(c.req.url).host;
        if (!host || (host !== requestHost && host !== allowedHost)) throw new AppError('csrf');
      } else if (c.req.header('cookie')) {
        throw new AppError('csrf');
      }
    }
    await next();
  };
}

function securityHeaderList(nonce: string): [string, string][] {
  return [
    [
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data: https:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ].join('; '),
    ],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/**
 * Set before the handler runs, so they are part of the response it builds: Hono copies the whole
 * response for each header set on it afterwards, which cost a fifth of a cached page's CPU. A
 * handler that returns a Response of its own gets them afterwards.
 */
export function securityHeaders(): MiddlewareHandler<HostEnv> {
  return async (c, next) => {
    const headers = securityHeaderList(c.get('nonce'));
    for (const [name, value] of headers) c.header(name, value);
    await next();
    if (!c.res.headers.has('Content-Security-Policy'))
      for (const [name, value] of headers) c.header(name, value);
  };
}

export function requireUser(c: Context<HostEnv>) {
  const user = c.get('user');
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/**
 * The client's address for rate limits. X-Forwarded-For is only believed when a trusted load
 * balancer sets it (TRUST_PROXY); otherwise anyone could pick a fresh address per request.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return forwarded || env?.incoming?.socket?.remoteAddress || 'unknown';
}
