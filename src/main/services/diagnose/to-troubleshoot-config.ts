/**
 * A profile (and its secrets) as the troubleshoot runner's config, through the same mapping
 * sessions use (toPoolOptions): a missing PEM file or secret fails with the field named.
 * Runs always capture frames (for the pcapng export); the TLS key log only when asked for.
 */
import type { PoolOptions } from '../../core';
import type { TroubleshootConfig } from '../../diagnose';
import type { ProfileSecrets, StoredProfile } from '@shared/api/profile-schema';
import { toPoolOptions } from '../profiles/to-pool-options';

export type ToPoolOptions = (p: StoredProfile, s: ProfileSecrets) => Promise<PoolOptions>;

export interface RunExtras {
  keyLog?: boolean;
  topics?: readonly string[];
}

export const usesTls = (p: StoredProfile): boolean =>
  p.securityProtocol === 'SSL' || p.securityProtocol === 'SASL_SSL';

export async function toTroubleshootConfig(
  profile: StoredProfile,
  secrets: ProfileSecrets,
  extras: RunExtras = {},
  toOptions: ToPoolOptions = toPoolOptions,
): Promise<TroubleshootConfig> {
  const o = await toOptions(profile, secrets);
  const c = o.connection ?? {};
  const tls = c.tls === true ? {} : (c.tls ?? null);
  return {
    bootstrap: o.bootstrap,
    securityProtocol: profile.securityProtocol,
    sasl: c.sasl ?? null,
    tls,
    clientId: c.clientId ?? profile.clientId,
    ...(c.connectTimeoutMs ? { connectTimeoutMs: c.connectTimeoutMs } : {}),
    ...(c.requestTimeoutMs ? { requestTimeoutMs: c.requestTimeoutMs } : {}),
    topics: [...(extras.topics ?? [])],
    captureFrames: true,
    keyLog: extras.keyLog === true && usesTls(profile),
  };
}
