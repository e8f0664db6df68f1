/**
 * The Electron main process: one hardened window, the contract bound over IPC, events
 * pushed to the app's windows, sessions ended cleanly (SHUTDOWN) when the app quits.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { createDispatcher } from './transport/dispatcher';
import { bindIpc, ipcEventSink, trustedFrameCheck } from './transport/ipc-adapter';
import { createHandlers } from './services/handlers';
import { createServices, tuningFromEnv, type Services } from './services/container';
import { keychainInfo, safeStorageCipher } from './services/secrets/ciphers';
import { isSafeExternalUrl, withCsp } from './electron/hardening';

// $BROKERSCOPE_DATA_DIR moves the user-data folder (profiles, secrets, the single-instance lock), as in web mode.
if (process.env.BROKERSCOPE_DATA_DIR) app.setPath('userData', process.env.BROKERSCOPE_DATA_DIR);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const isTrustedFrame = trustedFrameCheck(devServerUrl);
let services: Services | null = null;

function confirmAndOpenExternal(url: string, parent: BrowserWindow | null): void {
  if (!isSafeExternalUrl(url)) return;
  const options = { type: 'question' as const, buttons: ['Open', 'Cancel'], defaultId: 1, cancelId: 1, message: `Open ${url} in your browser?` };
  const choice = parent ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options);
  if (choice === 0) void shell.openExternal(url);
}

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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(__dirname, '../renderer/index.html'));
}

// Every web contents, present and future: no navigation, no new windows, no webviews.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    confirmAndOpenExternal(url, BrowserWindow.fromWebContents(contents));
    return { action: 'deny' };
  });
});

if (!app.requestSingleInstanceLock()) {
  // Another Brokerscope owns the data folder; it gets focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));

    const keychain = keychainInfo(safeStorage);
    services = createServices({
      runtime: 'electron',
      dataDir: app.getPath('userData'),
      keychain: keychain.available ? safeStorageCipher(safeStorage) : null,
      keychainBackend: keychain.backend,
      tuning: tuningFromEnv(),
    });
    bindIpc(ipcMain, createDispatcher(createHandlers(services)), isTrustedFrame);
    services.bus.addSink(ipcEventSink(() => BrowserWindow.getAllWindows().map((w) => w.webContents), isTrustedFrame));

    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  // Quitting waits (briefly) for every session to close its connections with SHUTDOWN.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !services) return;
    event.preventDefault();
    quitting = true;
    void services.close(3000).finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
