/** Finds the API: the preload's object in Electron, or the WebSocket transport in a browser. */
import type { BrokerscopeApi } from '@shared/api/contract';
import { connectWebSocketApi } from './ws-transport';

declare global {
  interface Window {
    brokerscope?: BrokerscopeApi;
  }
}

const TOKEN_KEY = 'brokerscope.token';

/** `onClosed` hears when the web host's socket closes after it opened (Electron's IPC does not close). */
export async function resolveApi(onClosed?: (code: number) => void): Promise<BrokerscopeApi> {
  if (window.brokerscope) return window.brokerscope;
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    // Keep the token for reloads of this tab only, and out of the address bar.
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.toString());
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new Error('No API token: open the URL that `npm run web` printed, token included.');
  return connectWebSocketApi(token, location.origin, onClosed);
}
