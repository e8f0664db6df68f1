/** Unsigned (alg "none") JWTs for Kafka's unsecured OAUTHBEARER validator. */
export function unsecuredJwt(claims: Record<string, unknown>): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64(claims)}.`;
}

export function validClaims(sub: string, lifetimeS = 3600): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub, iat: now, exp: now + lifetimeS };
}
