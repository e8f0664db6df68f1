/** SASL PLAIN (RFC 4616): one message, authzid NUL authcid NUL password. */
import type { MechanismFactory } from './mechanism';
import type { PasswordSaslOptions } from './sasl-options';

export const plainMechanism: MechanismFactory = (saslOptions, ctx) => {
  const options = saslOptions as PasswordSaslOptions;
  if (!ctx.tls) {
    ctx.warn('PLAIN_WITHOUT_TLS', 'SASL PLAIN sends the password in clear text: this listener is not TLS.');
  }
  let sent = false;
  return {
    async step() {
      if (sent) return null;
      sent = true;
      const authzid = options.mechanism === 'PLAIN' && options.authzid ? options.authzid : '';
      return Buffer.from(`${authzid}\0${options.username}\0${options.password}`, 'utf8');
    },
  };
};
