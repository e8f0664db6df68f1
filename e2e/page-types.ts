/**
 * The few browser globals the specs touch inside page.evaluate / waitForFunction. The e2e
 * files typecheck with the Node project (no DOM lib), so page-side code reaches them
 * through `globalThis as unknown as PageGlobals`.
 */
export interface PageElement {
  scrollTop: number;
  scrollHeight: number;
  value?: string;
}

export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): { length: number };
  };
  localStorage: { setItem(key: string, value: string): void; readonly length: number; key(i: number): string | null };
  requestAnimationFrame(cb: (time: number) => void): number;
  performance: { now(): number };
}
