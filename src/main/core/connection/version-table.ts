/**
 * What one broker supports, per API key, and the highest version both sides implement.
 */
import { API_TABLE, apiName } from '../protocol';
import { UnsupportedVersionError } from './errors';
import type { VersionRanges } from './legacy-versions';

export interface NegotiatedApi {
  apiKey: number;
  name: string;
  clientMin: number | null;
  clientMax: number | null;
  brokerMin: number | null;
  brokerMax: number | null;
  /** The version requests of this API use; null when there is no common version. */
  selected: number | null;
}

export class VersionTable {
  constructor(readonly broker: VersionRanges) {}

  /** The highest version both this client and the broker implement; throws when there is none. */
  pick(apiKey: number): number {
    const selected = this.selected(apiKey);
    if (selected !== null) return selected;
    const client = API_TABLE.get(apiKey);
    const broker = this.broker.get(apiKey);
    const name = apiName(apiKey);
    if (!client) throw new UnsupportedVersionError(apiKey, `this client does not implement ${name} (API key ${apiKey})`);
    if (!broker) throw new UnsupportedVersionError(apiKey, `the broker does not support ${name} (API key ${apiKey}) at all`);
    throw new UnsupportedVersionError(
      apiKey,
      `no common version of ${name}: this client implements v${client.minVersion}–v${client.maxVersion}, the broker v${broker.min}–v${broker.max}`,
    );
  }

  selected(apiKey: number): number | null {
    const client = API_TABLE.get(apiKey);
    const broker = this.broker.get(apiKey);
    if (!client || !broker) return null;
    const hi = Math.min(client.maxVersion, broker.max);
    return hi >= Math.max(client.minVersion, broker.min) ? hi : null;
  }

  /** Every API either side knows, with both ranges and the selected version. */
  describe(): NegotiatedApi[] {
    const keys = new Set<number>([...API_TABLE.keys(), ...this.broker.keys()]);
    return [...keys]
      .sort((a, b) => a - b)
      .map((apiKey) => {
        const client = API_TABLE.get(apiKey);
        const broker = this.broker.get(apiKey);
        return {
          apiKey,
          name: apiName(apiKey),
          clientMin: client?.minVersion ?? null,
          clientMax: client?.maxVersion ?? null,
          brokerMin: broker?.min ?? null,
          brokerMax: broker?.max ?? null,
          selected: this.selected(apiKey),
        };
      });
  }
}
