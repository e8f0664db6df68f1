/**
 * The main-process services, wired: profiles (file + secret store), sessions, and the
 * event bus they push to. Electron-free: Electron passes its data folder and its keychain
 * cipher; web mode and tests pass a folder and no keychain.
 */
import type { Emit } from '../transport/event-bus';
import { createEventBus, type EventBus } from '../transport/event-bus';
import type { Runtime } from './app-service';
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
  bus?: EventBus;
}

export interface Services {
  runtime: Runtime;
  bus: EventBus;
  profiles: ProfileService;
  sessions: SessionManager;
  /** Ends every session cleanly (SHUTDOWN). */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Session tuning from the environment: BROKERSCOPE_EVENT_BUFFER (events kept per session,
 * default 20 000), BROKERSCOPE_BATCH_MS (50–100, default 75), BROKERSCOPE_BATCH_MAX (default 1000).
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
  const sessions = new SessionManager({
    profiles: { stored: (id) => profiles.stored(id), secretsOf: (id) => secrets.get(id) },
    emit,
    ...(opts.tuning ? { tuning: opts.tuning } : {}),
    ...(opts.createPool ? { createPool: opts.createPool } : {}),
  });
  return {
    runtime: opts.runtime,
    bus,
    profiles,
    sessions,
    close: (deadlineMs) => sessions.shutdownAll(deadlineMs),
  };
}
