import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RENDERER_CSP } from '@shared/security/csp';
import { isSafeExternalUrl, withCsp } from './hardening';

describe('Electron hardening rules', () => {
  it.each([
    ['https://kafka.apache.org/documentation/', true],
    ['http://localhost:8080/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://share/x', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
  ])('opens %s outside the app: %s', (url, ok) => {
    expect(isSafeExternalUrl(url)).toBe(ok);
  });

  it('sets the renderer CSP on responses, replacing any other', () => {
    const h = withCsp({ 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] });
    expect(h['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['content-type']).toEqual(['text/html']);
  });

  it('index.html carries the same CSP as the header', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP);
  });
});
