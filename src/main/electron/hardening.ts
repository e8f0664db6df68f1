/**
 * The Electron window's security rules that can be decided without Electron: which links
 * may open outside, and the CSP header. src/main/index.ts applies them.
 */
import { RENDERER_CSP } from '@shared/security/csp';

/** Only http(s) links ever leave the app (after the user confirms). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      u.hostname.length > 0 &&
      u.username === '' &&
      u.password === ''
    );
  } catch {
    return false;
  }
}

/** Response headers with the renderer CSP set (replacing any CSP the response had). */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [RENDERER_CSP];
  return out;
}
