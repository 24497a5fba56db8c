// Response headers for every answer: a Content-Security-Policy that allows only our own scripts and
// styles (no inline script), tiles only from a configured origin, and no framing.
import type { MiddlewareHandler } from 'hono';

export function contentSecurityPolicy(tileUrl: string | null): string {
  let tiles = '';
  if (tileUrl) {
    // "https://{s}.tile.example.org/{z}/{x}/{y}.png" → allow that host pattern for images only
    const m = /^(https?:\/\/)([^/]+)/.exec(tileUrl);
    if (m) tiles = ' ' + m[1] + m[2]!.replace('{s}', '*');
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tiles}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(tileUrl: string | null): MiddlewareHandler {
  const csp = contentSecurityPolicy(tileUrl);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'geolocation=(), camera=(), microphone=()');
    if (c.req.path.startsWith('/api/')) h.set('Cache-Control', 'no-store');
  };
}
