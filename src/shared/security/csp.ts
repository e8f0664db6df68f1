/**
 * The renderer's Content-Security-Policy. index.html carries the same policy in a meta tag
 * (a unit test keeps them equal); the Electron main process and the web host also send it
 * as a response header.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'";
