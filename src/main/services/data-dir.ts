/** Where web mode keeps its data: $BROKERSCOPE_DATA_DIR, else the platform's config folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function webDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env.BROKERSCOPE_DATA_DIR) return env.BROKERSCOPE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'brokerscope');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'brokerscope');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'brokerscope');
}
