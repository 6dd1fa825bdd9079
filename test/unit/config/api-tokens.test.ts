/** apiTokens: tokens from the config file or from the environment variables it names. */
import { apiTokens } from '../../../sidecar/src/config/api-tokens';
import { ConfigError } from '../../../sidecar/src/config/load';

test.each([
  { title: 'none configured: no auth', api: {}, env: {}, want: { readToken: undefined, adminToken: undefined } },
  { title: 'from the config file', api: { readToken: 'r', adminToken: 'a' }, env: {}, want: { readToken: 'r', adminToken: 'a' } },
  {
    title: 'from the named environment variables',
    api: { readTokenEnv: 'READ_T', adminTokenEnv: 'ADMIN_T' },
    env: { READ_T: 'r-env', ADMIN_T: 'a-env' },
    want: { readToken: 'r-env', adminToken: 'a-env' },
  },
  {
    title: 'the config file wins over the environment',
    api: { readToken: 'r', readTokenEnv: 'READ_T' },
    env: { READ_T: 'r-env' },
    want: { readToken: 'r', adminToken: undefined },
  },
  { title: 'an empty variable is an empty token', api: { adminTokenEnv: 'ADMIN_T' }, env: { ADMIN_T: '' }, want: { readToken: undefined, adminToken: '' } },
])('$title', ({ api, env, want }) => {
  expect(apiTokens(api, env)).toEqual(want);
});

test('a named variable that is not set is a config error naming it', () => {
  expect(() => apiTokens({ readTokenEnv: 'MISSING_READ_T' }, {})).toThrow(ConfigError);
  expect(() => apiTokens({ adminTokenEnv: 'MISSING_ADMIN_T' }, {})).toThrow(/MISSING_ADMIN_T/);
});
