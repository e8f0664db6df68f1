/** The app area: who is answering, and notices the main process pushes. */
import { z } from 'zod';

export const appMethods = {
  'app.version': {
    params: z.strictObject({}),
    result: z.object({
      name: z.string(),
      version: z.string(),
      runtime: z.enum(['electron', 'web']),
      node: z.string(),
      electron: z.string().optional(),
    }),
  },
} as const;

export const appEvents = {
  /** Something the user should read: a corrupt profile file put aside, messages a slow page missed… */
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;
