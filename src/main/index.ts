/** The Electron main process: one hardened window, the contract bound over IPC. */
import { app, BrowserWindow, ipcMain, session, shell, dialog } from 'electron';
import { join } from 'node:path';
import { createDispatcher } from './transport/dispatcher';
import { bindIpc, trustedFrameCheck } from './transport/ipc-adapter';
import { createHandlers } from './services/handlers';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Brokerscope',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) {
      const choice = dialog.showMessageBoxSync(win, {
        type: 'question',
        buttons: ['Open', 'Cancel'],
        defaultId: 1,
        message: `Open ${url} in your browser?`,
      });
      if (choice === 0) void shell.openExternal(url);
    }
    return { action: 'deny' };
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
}

void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  bindIpc(ipcMain, createDispatcher(createHandlers('electron')), trustedFrameCheck(devServerUrl));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
