/**
 * Electron IPC transport, written against the two small interfaces it needs so it can be
 * unit-tested without Electron. The sender frame of every call is checked before the
 * payload is even looked at.
 */
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type WireReply } from '@shared/api/wire';
import type { Dispatch } from './dispatcher';
import type { EventSink } from './event-bus';

export interface IpcSenderFrame {
  url: string;
}

export interface IpcInvokeEvent {
  senderFrame: IpcSenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<WireReply>): void;
  removeHandler(channel: string): void;
}

export function bindIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrustedFrame: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method, params) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedFrame(url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `IPC call from an untrusted frame (${url || 'no frame'})` } };
    }
    return dispatch(method, params);
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** The renderer's own pages: the built file:// index, or the dev server's origin. */
export function trustedFrameCheck(devServerUrl: string | undefined): (url: string) => boolean {
  return (url) => {
    if (devServerUrl) return url.startsWith(new URL(devServerUrl).origin + '/');
    return url.startsWith('file://') && url.includes('/out/renderer/');
  };
}

/** What the event sink needs of a window's webContents. */
export interface WebContentsLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * The IPC side of server→renderer events: each event goes to every live app window
 * showing the app's own page (never to a window that navigated elsewhere).
 */
export function ipcEventSink(targets: () => readonly WebContentsLike[], isTrustedFrame: (url: string) => boolean): EventSink {
  return (event, payload) => {
    for (const wc of targets()) {
      if (wc.isDestroyed() || !isTrustedFrame(wc.getURL())) continue;
      wc.send(IPC_EVENT_CHANNEL, event, payload);
    }
  };
}
