/**
 * The main-process services, wired: profiles (file + secret store), sessions, troubleshoot
 * runs, log exports and imports, and the event bus they push to. Electron-free: Electron
 * passes its data folder and its keychain cipher; web mode and tests pass a folder and no
 * keychain.
 */
import type { Emit } from '../transport/event-bus';
import { createEventBus, type EventBus } from '../transport/event-bus';
import type { Runtime } from './app-service';
import { TroubleshootService, type RunTroubleshoot } from './diagnose/troubleshoot-service';
import { LogService } from './logs/log-service';
import { ProfileService } from './profiles/profile-service';
import { ProfileStore } from './profiles/profile-store';
import type { SecretCipher } from './secrets/ciphers';
import { FileSecretStore } from './secrets/secret-store';
import type { CreatePool } from './sessions/pool-like';
import type { SessionTuning } from './sessions/session';
import { SessionManager } from './sessions/session-manager';

export interface ServicesOptions {
  runtime: Runtime;
  /** The app's user-data folder (profiles.json, secrets.json). */
  dataDir: string;
  /** The OS keychain cipher where one is usable (Electron safeStorage); null elsewhere. */
  keychain?: SecretCipher | null;
  keychainBackend?: string | null;
  tuning?: SessionTuning;
  createPool?: CreatePool;
  /** The troubleshoot runner (default: the diagnose layer's); tests give a fake one. */
  runTroubleshoot?: RunTroubleshoot;
  bus?: EventBus;
}

export interface Services {
  runtime: Runtime;
  bus: EventBus;
  profiles: ProfileService;
  sessions: SessionManager;
  troubleshoot: TroubleshootService;
  logs: LogService;
  /** Ends every session cleanly (SHUTDOWN) and stops running troubleshoot runs. */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Session tuning from the environment: BROKERSCOPE_EVENT_BUFFER (events kept per session,
 * default 20 000), BROKERSCOPE_BATCH_MS (50–100, default 75), BROKERSCOPE_BATCH_MAX (default 2000).
 */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): SessionTuning {
  const int = (name: string): number | undefined => {
    const v = Number(env[name]);
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const t: SessionTuning = {};
  const bufferCap = int('BROKERSCOPE_EVENT_BUFFER');
  const batchIntervalMs = int('BROKERSCOPE_BATCH_MS');
  const maxBatch = int('BROKERSCOPE_BATCH_MAX');
  if (bufferCap) t.bufferCap = bufferCap;
  if (batchIntervalMs) t.batchIntervalMs = batchIntervalMs;
  if (maxBatch) t.maxBatch = maxBatch;
  return t;
}

export function createServices(opts: ServicesOptions): Services {
  const bus = opts.bus ?? createEventBus();
  const emit: Emit = bus.emit;
  const secrets = new FileSecretStore(opts.dataDir, {
    keychain: opts.keychain ?? null,
    keychainBackend: opts.keychainBackend ?? null,
  });
  const profiles = new ProfileService(new ProfileStore(opts.dataDir), secrets, emit);
  const profileSource = {
    stored: (id: string) => profiles.stored(id),
    secretsOf: (id: string) => secrets.get(id),
  };
  const sessions = new SessionManager({
    profiles: profileSource,
    emit,
    ...(opts.tuning ? { tuning: opts.tuning } : {}),
    ...(opts.createPool ? { createPool: opts.createPool } : {}),
  });
  const troubleshoot = new TroubleshootService({
    profiles: profileSource,
    emit,
    ...(opts.runTroubleshoot ? { run: opts.runTroubleshoot } : {}),
  });
  const logs = new LogService({
    sessions,
    runs: troubleshoot,
    secretsOf: async (id) =>
      Object.values(await secrets.get(id)).filter((v): v is string => typeof v === 'string'),
    emit,
  });
  return {
    runtime: opts.runtime,
    bus,
    profiles,
    sessions,
    troubleshoot,
    logs,
    close: async (deadlineMs) => {
      await Promise.all([sessions.shutdownAll(deadlineMs), troubleshoot.shutdown(deadlineMs)]);
    },
  };
}
