/** Types of scripts/electron-binary.mjs (plain Node, so `npm start` runs it without a build). */
export function installedElectronBinary(): string | null;
export function fetchedElectronBinary(): string | null;
export function electronRuns(bin: string): boolean;
