/**
 * Every session of the app: one per profile connected (several at once), each with its
 * own pool. Connect maps the profile to core options first, so a configuration mistake
 * (a missing PEM file, a missing password) fails the call itself with the field named.
 */
import { randomUUID } from 'node:crypto';
import type { Result } from '@shared/api/contract';
import type { ProfileSecrets, StoredProfile } from '@shared/api/profile-schema';
import { Pool, type PoolOptions } from '../../core';
import type { Emit } from '../../transport/event-bus';
import { redact } from '../secrets/redact';
import { toPoolOptions } from '../profiles/to-pool-options';
import { inspect } from './inspector';
import type { CreatePool } from './pool-like';
import { Session, type SessionTuning } from './session';

export interface ProfileSource {
  stored(id: string): Promise<StoredProfile>;
  secretsOf(id: string): Promise<ProfileSecrets>;
}

export interface SessionManagerOptions {
  profiles: ProfileSource;
  emit: Emit;
  tuning?: SessionTuning;
  createPool?: CreatePool;
  /** Profile → core options (default: toPoolOptions, reading PEM files). */
  toOptions?: (p: StoredProfile, s: ProfileSecrets) => Promise<PoolOptions>;
}

export class SessionNotFoundError extends Error {
  override readonly name = 'SessionNotFoundError';
  constructor(id: string) {
    super(`sessionId: no session ${JSON.stringify(id)}`);
  }
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  /** Connects in progress, by profile: a second connect waits for the first. */
  private readonly connecting = new Map<string, Promise<{ sessionId: string }>>();
  /** Per-session queue: disconnect and reconnect of one session never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closing = false;
  /** Frame capture per profile (sessions.connect captureFrames), applied when a pool starts. */
  private readonly captureByProfile = new Map<string, boolean>();

  constructor(private readonly opts: SessionManagerOptions) {}

  connect(profileId: string, captureFrames?: boolean): Promise<{ sessionId: string }> {
    if (captureFrames !== undefined) this.captureByProfile.set(profileId, captureFrames);
    const pending = this.connecting.get(profileId);
    if (pending) return pending;
    const p = this.connectOnce(profileId).finally(() => this.connecting.delete(profileId));
    this.connecting.set(profileId, p);
    return p;
  }

  private async connectOnce(profileId: string): Promise<{ sessionId: string }> {
    const existing = [...this.sessions.values()].find((s) => s.profileId === profileId);
    if (existing?.live) return { sessionId: existing.id };
    if (existing) {
      await this.serial(existing.id, () => this.restart(existing));
      return { sessionId: existing.id };
    }
    const { profile, options, secretValues } = await this.prepare(profileId);
    const session = new Session(randomUUID(), profileId, profile.name, {
      emit: this.opts.emit,
      createPool: this.opts.createPool ?? ((o) => new Pool(o)),
      onStatus: () => this.changed(),
      tuning: this.opts.tuning ?? {},
    });
    this.sessions.set(session.id, session);
    session.start(options, profile.name, secretValues);
    return { sessionId: session.id };
  }

  async disconnect(sessionId: string, forget: boolean): Promise<Result<'sessions.disconnect'>> {
    const session = this.get(sessionId);
    await this.serial(sessionId, () => session.stop());
    if (forget && this.sessions.get(sessionId) === session) {
      session.dispose();
      this.sessions.delete(sessionId);
      this.captureByProfile.delete(session.profileId);
      this.queues.delete(sessionId);
      this.changed();
    }
    return { sessionId, forgotten: forget };
  }

  async reconnect(sessionId: string): Promise<Result<'sessions.reconnect'>> {
    const session = this.get(sessionId);
    await this.serial(sessionId, () => this.restart(session));
    return session.summary();
  }

  list(): Result<'sessions.list'> {
    return [...this.sessions.values()].map((s) => s.summary());
  }

  snapshot(sessionId: string): Result<'sessions.snapshot'> {
    return this.get(sessionId).snapshot() as Result<'sessions.snapshot'>;
  }

  page(sessionId: string, beforeSeq: number | undefined, limit: number): Result<'sessions.events.page'> {
    return this.get(sessionId).page(beforeSeq, limit) as Result<'sessions.events.page'>;
  }

  async send(params: {
    sessionId: string;
    nodeId?: number | undefined;
    request: Parameters<typeof inspect>[2];
  }): Promise<Result<'sessions.send'>> {
    const session = this.get(params.sessionId);
    const pool = session.currentPool();
    if (!pool) throw new Error(`sessionId: the session is ${session.status}, not connected`);
    try {
      return await inspect(pool, params.nodeId, params.request);
    } catch (err) {
      throw new Error(session.redact((err as Error).message));
    }
  }

  /** Ends every session (close reason SHUTDOWN) within the deadline; used when the app quits. */
  async shutdownAll(deadlineMs = 3000): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.sessions.values()].map((s) => s.stop(deadlineMs)));
    for (const s of this.sessions.values()) s.dispose();
  }

  private serial<T>(sessionId: string, op: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(sessionId) ?? Promise.resolve()).then(op, op);
    this.queues.set(
      sessionId,
      next.catch(() => undefined),
    );
    return next;
  }

  private get(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new SessionNotFoundError(sessionId);
    return s;
  }

  private async restart(session: Session): Promise<void> {
    if (this.closing) throw new Error('the app is quitting');
    // Map the (possibly edited) profile first: a mistake leaves the running session alone.
    const { profile, options, secretValues } = await this.prepare(session.profileId);
    await session.stop();
    session.start(options, profile.name, secretValues);
  }

  private async prepare(
    profileId: string,
  ): Promise<{ profile: StoredProfile; options: PoolOptions; secretValues: string[] }> {
    if (this.closing) throw new Error('the app is quitting');
    const profile = await this.opts.profiles.stored(profileId);
    const secrets = await this.opts.profiles.secretsOf(profileId);
    const secretValues = Object.values(secrets).filter((v): v is string => typeof v === 'string');
    try {
      const mapped = await (this.opts.toOptions ?? toPoolOptions)(profile, secrets);
      const options: PoolOptions = this.captureByProfile.get(profileId)
        ? { ...mapped, connection: { ...mapped.connection, captureFrames: true } }
        : mapped;
      return { profile, options, secretValues };
    } catch (err) {
      throw new Error(redact((err as Error).message, secretValues));
    }
  }

  private changed(): void {
    this.opts.emit('sessions.changed', { sessions: this.list() });
  }
}
