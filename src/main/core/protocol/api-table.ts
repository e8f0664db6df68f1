import { API_DATA, ApiKey, REQUEST_DECODERS } from './generated/index';

export { ApiKey };
export type { ApiKeyValue } from './generated/index';

export interface ApiInfo {
  key: number;
  /** 'Produce', 'Metadata', 'ApiVersions', … — use this wherever an API is named. */
  name: string;
  /** Lowest version the client implements. */
  minVersion: number;
  /**
   * Highest version the client advertises and uses: the schema's highest valid version, minus the latest
   * one when it is marked unstable. Below minVersion (i.e. minVersion - 1) when every version is unstable.
   */
  maxVersion: number;
  /** First flexible version of the request (header v2 / response header v1 from there), or null. */
  flexibleMin: number | null;
  /** First flexible version of the response (the same as flexibleMin for every API so far). */
  responseFlexibleMin: number | null;
  /** Highest version with a codec, unstable ones included. */
  codecMaxVersion: number;
  /** Versions the schema marks deprecated, or null. */
  deprecatedVersions: readonly [number, number] | null;
  /** Where the API is served: 'broker', 'controller', 'zkBroker'. */
  listeners: readonly string[];
}

export const API_TABLE: ReadonlyMap<number, ApiInfo> = new Map(
  API_DATA.map((d) => {
    const [min, max] = d.validVersions;
    const info: ApiInfo = {
      key: d.key,
      name: d.name,
      minVersion: min,
      maxVersion: d.latestVersionUnstable ? max - 1 : max,
      flexibleMin: d.requestFlexibleMin,
      responseFlexibleMin: d.responseFlexibleMin,
      codecMaxVersion: max,
      deprecatedVersions: d.deprecatedVersions,
      listeners: d.listeners,
    };
    return [d.key, info];
  }),
);

/** 'Metadata' for 3; 'Unknown(123)' for keys not in the table. */
export function apiName(key: number): string {
  return API_TABLE.get(key)?.name ?? `Unknown(${key})`;
}

/** Whether the client implements (and would use) this version: within [minVersion, maxVersion]. */
export function isSupportedVersion(apiKey: number, version: number): boolean {
  const info = API_TABLE.get(apiKey);
  return (
    info !== undefined &&
    Number.isInteger(version) &&
    version >= info.minVersion &&
    version <= info.maxVersion
  );
}

/** Whether a codec exists for this version (includes unstable versions the client does not advertise). */
export function hasCodec(apiKey: number, version: number): boolean {
  return REQUEST_DECODERS[apiKey]?.[version] !== undefined;
}

/**
 * Request header version: v2 in flexible versions, v1 otherwise, v0 only for ControlledShutdown v0.
 * For unknown keys, v1 (the form every broker can parse far enough to reject).
 */
export function requestHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 | 2 {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  const flex = API_TABLE.get(apiKey)?.flexibleMin ?? null;
  return flex !== null && apiVersion >= flex ? 2 : 1;
}

/** Response header version: v1 in flexible versions, v0 otherwise — and always v0 for ApiVersions. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): 0 | 1 {
  if (apiKey === ApiKey.ApiVersions) return 0;
  const flex = API_TABLE.get(apiKey)?.responseFlexibleMin ?? null;
  return flex !== null && apiVersion >= flex ? 1 : 0;
}
