import { scanRoute } from '#shared/api/scan-route.ts';
import type { TokenVerifier } from '#shared/auth/verify-token.ts';
import { codeInScanPath } from '#shared/codes/code.ts';
import { messages, pickLanguage } from '#shared/codes/messages.ts';
import { resolveCode } from '#shared/codes/resolve.ts';
import { renderScanPage, renderScanProblemPage, signInPath } from '#shared/codes/scan-page.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { errorBody, html, HttpError, json } from '#shared/http/responses.ts';
import { runtimeSettings } from '#shared/services.ts';
import { DynamoScanStore } from '#shared/store/dynamodb-scan-store.ts';
import { env, requiredEnv } from '#shared/store/resources.ts';

const services = { store: DynamoScanStore.fromEnvironment(), ...runtimeSettings() };
const issuer = { issuer: requiredEnv(env.authIssuer), audience: requiredEnv(env.authAudience) };
/** Most scans are anonymous: the JWT library (a third of this function's load time) is loaded only for a token. */
let verifier: Promise<TokenVerifier> | undefined;
const verify: TokenVerifier = async (header) =>
  header ? (await (verifier ??= import('#shared/auth/verify-token.ts').then((m) => m.tokenVerifier(issuer))))(header) : { outcome: 'missing' };
/** The answer depends on these request headers; caches must key on them. */
const vary = { vary: 'Accept, Accept-Language, Authorization' };

/** The public scan. A token is optional here: it only widens what is shown, so the route has no authorizer. */
export const handler = apiHandler(scanRoute, async ({ params, query, header }) => {
  const accept = header('accept') ?? '';
  const asJson = accept.includes('application/json') && !accept.includes('text/html');
  const language = pickLanguage(header('accept-language'), query.lang);
  const token = await verify(header('authorization'));
  if (token.outcome === 'invalid') throw new HttpError(401, 'invalid_token', token.reason);
  const principal = token.outcome === 'valid' ? token.principal : undefined;

  const headers = { ...vary, 'content-language': language };
  const code = codeInScanPath(params.code);
  if (!code) {
    if (asJson) throw new HttpError(400, 'invalid_path', 'The path is not valid.', [{ path: 'code', message: 'A code is made of letters, digits, "-" and "_"' }]);
    return html(404, renderScanProblemPage('not-found', language), headers);
  }
  const resolution = await resolveCode(services, code, principal, { language, format: asJson ? 'json' : 'html' });
  if (!resolution.found) {
    return asJson
      ? json(404, errorBody('unknown_code', messages.en.notFoundBody), headers)
      : html(404, renderScanProblemPage('not-found', language), headers);
  }
  if (resolution.status !== 'active') {
    const body = resolution.status === 'revoked' ? messages.en.goneRevokedBody : messages.en.goneExpiredBody;
    return asJson
      ? json(410, errorBody(`code_${resolution.status}`, body), headers)
      : html(410, renderScanProblemPage(resolution.status, language), headers);
  }
  if (asJson) return json(200, resolution.view, headers);
  // A company's own phone is anonymous here (no script, no token): it is offered the sign-in that leads back to this inspection.
  const signIn = resolution.view.viewer === 'public' ? signInPath(resolution.inspectionId, resolution.entityId) : undefined;
  return html(200, renderScanPage(resolution.view, language, services.timeZone, signIn), headers);
});
