// A real OpenID Connect provider for tests/test_oidc_login.py: panva's oidc-provider (OpenID
// certified), configured like a Swedish e-ID broker (BankID/Freja/SITHS behind OIDC): the
// naturalPersonNumber scope releases the personalIdentityNumber claim of the Swedish OIDC profile.
//
//   node provider.mjs <port> <config.json>
//
// config.json: {"client_id", "client_secret", "redirect_uris": [...], "people": {login: {claims}}}
// The development interactions of oidc-provider render its log-in and consent forms; the log-in
// form accepts any password but only the logins listed in "people" have an account.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

const [port, configPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));

const PERSON_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
const PERSON_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';

// A fresh signing key per run, published at the JWKS endpoint.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: config.redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  scopes: ['openid', 'profile', 'email', PERSON_SCOPE],
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name'],
    email: ['email'],
    [PERSON_SCOPE]: [PERSON_CLAIM],
  },
  async findAccount(ctx, id) {
    const person = config.people[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
  pkce: { required: () => true },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  features: { devInteractions: { enabled: true } },
  ttl: { Session: 600, Interaction: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
});

provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`oidc-provider listening on http://127.0.0.1:${port}\n`);
});
