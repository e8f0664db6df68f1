/** The main-process services, bound to the contract. Electron-free: the web host uses it too. */
import type { Handlers } from '../transport/dispatcher';
import { appVersion, type Runtime } from './app-service';

export function createHandlers(runtime: Runtime): Handlers {
  return {
    'app.version': () => appVersion(runtime),
  };
}
