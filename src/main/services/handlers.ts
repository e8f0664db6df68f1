/** The main-process services, bound to the contract. Electron-free: the web host uses it too. */
import type { Handlers } from '../transport/dispatcher';
import { appVersion } from './app-service';
import type { Services } from './container';
import { exportProfiles, importProfiles } from './profiles/export-import';

export function createHandlers(s: Services): Handlers {
  const { profiles, sessions, troubleshoot, logs } = s;
  return {
    'app.version': () => appVersion(s.runtime),

    'profiles.list': () => profiles.list(),
    'profiles.get': ({ id }) => profiles.get(id),
    'profiles.create': ({ profile, secrets }) => profiles.create(profile, secrets),
    'profiles.update': ({ id, profile, secrets }) => profiles.update(id, profile, secrets),
    'profiles.duplicate': ({ id, name }) => profiles.duplicate(id, name),
    'profiles.delete': ({ id }) => profiles.delete(id),
    'profiles.tags.save': ({ tags }) => profiles.saveTags(tags),
    'profiles.export': ({ ids, secrets }) => exportProfiles(profiles, ids, secrets?.passphrase),
    'profiles.import': ({ json, passphrase, skipSecrets }) => importProfiles(profiles, json, { ...(passphrase ? { passphrase } : {}), skipSecrets }),

    'secrets.status': () => profiles.secrets.status(),
    'secrets.allowPlaintext': ({ allow }) => profiles.secrets.setAllowPlaintext(allow),

    'sessions.connect': ({ profileId, captureFrames }) => sessions.connect(profileId, captureFrames),
    'sessions.disconnect': ({ sessionId, forget }) => sessions.disconnect(sessionId, forget),
    'sessions.reconnect': ({ sessionId }) => sessions.reconnect(sessionId),
    'sessions.list': () => sessions.list(),
    'sessions.snapshot': ({ sessionId }) => sessions.snapshot(sessionId),
    'sessions.events.page': ({ sessionId, beforeSeq, limit }) => sessions.page(sessionId, beforeSeq, limit),
    'sessions.send': (p) => sessions.send(p),

    'troubleshoot.run': ({ profileId, keyLog, topics }) => troubleshoot.start(profileId, { keyLog, topics }),
    'troubleshoot.cancel': ({ runId }) => troubleshoot.cancel(runId),
    'troubleshoot.result': ({ runId }) => troubleshoot.result(runId),
    'troubleshoot.list': () => troubleshoot.list(),

    'logs.export': ({ source, format, maskHosts }) => logs.export(source, format, maskHosts),
    'logs.import': ({ fileName, text }) => logs.import(fileName, text),
    'logs.events.page': ({ logId, beforeSeq, limit }) => logs.page(logId, beforeSeq, limit),
    'logs.list': () => logs.list(),
    'logs.close': ({ logId }) => logs.close(logId),
  };
}
