/** The registry of SASL mechanisms this client implements. */
import { gssapiMechanism } from './gssapi';
import type { MechanismFactory } from './mechanism';
import { oauthBearerMechanism } from './oauthbearer';
import { plainMechanism } from './plain';
import { scramMechanism } from './scram';

export const MECHANISMS: Readonly<Record<string, MechanismFactory>> = {
  PLAIN: plainMechanism,
  'SCRAM-SHA-256': scramMechanism,
  'SCRAM-SHA-512': scramMechanism,
  OAUTHBEARER: oauthBearerMechanism,
  GSSAPI: gssapiMechanism,
};
