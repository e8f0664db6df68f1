/** Connects to the host, wires the pushed events into the stores, and loads the first state. */
import { resolveApi } from '../api';
import { useProfiles } from '../stores/profiles';
import { useSessions } from '../stores/sessions';
import { useTroubleshoot } from '../stores/troubleshoot';
import { useLogs } from '../stores/logs';
import { reportError, useUi } from '../stores/ui';
import { isReported, setApi } from './api-client';

let started = false;

export async function boot(): Promise<void> {
  if (started) return;
  started = true;
  const ui = useUi.getState();
  let api;
  try {
    api = await resolveApi((code) =>
      useUi.getState().setHost({
        kind: 'failed',
        message: `The connection to the Brokerscope host closed (WebSocket code ${code}): the host was stopped or restarted. Nothing shown here is live any more; start it again and open the URL it prints.`,
      }),
    );
  } catch (err) {
    ui.setHost({ kind: 'failed', message: (err as Error).message });
    return;
  }
  setApi(api);

  api.on('app.notice', (n) => useUi.getState().notify(n.level, 'Brokerscope', n.message));
  api.on('profiles.changed', (list) => useProfiles.getState().setList(list));
  api.on('sessions.changed', ({ sessions }) => useSessions.getState().setSummaries(sessions));
  api.on('sessions.snapshot', (snap) => useSessions.getState().onSnapshot(snap));
  api.on('troubleshoot.update', ({ runId, step }) => useTroubleshoot.getState().onUpdate(runId, step));
  api.on('troubleshoot.done', ({ runId, status, result, error }) => useTroubleshoot.getState().onDone(runId, status, result, error));
  api.on('logs.changed', ({ logs }) => useLogs.getState().setLogs(logs));

  try {
    const version = await api.call('app.version', {});
    ui.setHost({ kind: 'ready', version, transport: api.transport });
  } catch (err) {
    ui.setHost({ kind: 'failed', message: (err as Error).message });
    return;
  }
  const steps = [
    useProfiles.getState().load(),
    useProfiles.getState().loadSecretStatus(),
    useSessions.getState().refresh(),
    useTroubleshoot.getState().load(),
    useLogs.getState().load(),
  ];
  // Each step reports its own failure; nothing here is fatal.
  await Promise.allSettled(steps);
}

/** Uncaught errors in the renderer land in the toast area too. */
export function catchStrays(): void {
  window.addEventListener('error', (e) => reportError('Unexpected error', e.error ?? e.message));
  window.addEventListener('unhandledrejection', (e) => {
    if (!isReported(e.reason)) reportError('Unexpected error', e.reason);
  });
}
