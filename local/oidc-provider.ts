/**
 * The local stack's OpenID provider: `oidc-provider` (certified) mounted at `<baseUrl>/oidc` on the API's own
 * server, so the web app signs in locally with the same code (authorization code + PKCE, `oidc-client-ts`) it uses
 * against Cognito. It signs ID tokens with the local issuer's key, so the real authorizer accepts them like
 * `POST /dev/tokens` tokens. Its sign-in page lists the demo accounts; there is no password.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Provider, { type AccountClaims, type Configuration, type InteractionResults, type KoaContextWithOIDC } from 'oidc-provider';
import { pickLanguage, type Language } from '../shared/codes/messages.ts';
import { html } from '../shared/http/responses.ts';
import { readBody, send } from './api-server.ts';
import type { DemoAccount } from './demo-data.ts';
import { issuerPath, webClientId, type LocalIssuer } from './local-issuer.ts';
import { oidcStore } from './oidc-store.ts';
import { providerPageCsp, renderProblemPage, signInGroups, renderSignedOutPage, renderSignInPage, renderSignOutPage, signOutPageCsp } from './sign-in-page.ts';

/** The claims of the web contract, all in the ID token: the app sends the ID token to the API. */
const profileClaims = ['name', 'role', 'entityId', 'inspectorId', 'department'] as const;

const hour = 3600;
const day = 24 * hour;

const interactionPath = new RegExp(`^${issuerPath}/interaction/([\\w-]+)(?:/(login|abort))?$`);

function claimsOf(account: DemoAccount): AccountClaims {
  const { principal } = account;
  const claims: Record<string, string | undefined> = {
    sub: account.id,
    name: account.name,
    role: principal.role,
    entityId: principal.entityId,
    inspectorId: principal.inspectorId,
    department: principal.department,
  };
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as AccountClaims;
}

const languageOf = (request: { headers: IncomingMessage['headers'] }, explicit?: unknown) =>
  pickLanguage(request.headers['accept-language'], typeof explicit === 'string' ? explicit.split(' ').find((tag) => tag === 'en' || tag === 'zh-CN') : undefined);

function pageInto(ctx: KoaContextWithOIDC, status: number, body: string) {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set({ 'content-security-policy': providerPageCsp, 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  ctx.body = body;
}

export function createOidcProvider(options: {
  baseUrl: string;
  issuer: LocalIssuer;
  accounts: readonly DemoAccount[];
  /** Keeps sessions and refresh tokens across restarts (in the data folder); in memory without it. */
  storeFile?: string;
}): RequestListener {
  const { baseUrl, issuer, accounts } = options;
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const ctxLanguage = (ctx: KoaContextWithOIDC): Language => languageOf(ctx.req, ctx.oidc?.params?.ui_locales);

  const configuration: Configuration = {
    clients: [
      {
        client_id: webClientId,
        client_name: 'Supervision Code',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${baseUrl}/auth/callback`, `${baseUrl}/auth/silent`],
        post_logout_redirect_uris: [`${baseUrl}/`],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [issuer.signingKey] },
    adapter: oidcStore(options.storeFile),
    // Derived from the kept signing key, so session cookies stay valid across restarts like the sessions themselves.
    cookies: { keys: [createHash('sha256').update(`cookies ${issuer.signingKey.d}`).digest('base64url')] },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: [...profileClaims] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const account = byId.get(id);
      return account && { accountId: id, claims: () => claimsOf(account) };
    },
    // The same path as Cognito's JWKS, so the functions' verifier finds it at `<issuer>/.well-known/jwks.json`.
    routes: { jwks: '/.well-known/jwks.json' },
    interactions: { url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}` },
    // A first-party client: consent is granted once signed in, never asked.
    loadExistingGrant: async (ctx) => {
      const { session, client, provider } = ctx.oidc;
      if (!session?.accountId || !client) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile offline_access');
      await grant.save();
      return grant;
    },
    // Silent renewal by refresh token (rotated on each use, public client) without asking for offline_access.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    // Which kind of account the visitor said they are ("I'm an inspector"): that group is listed first.
    extraParams: ['role_hint'],
    ttl: { AccessToken: hour, AuthorizationCode: 60, IdToken: hour, RefreshToken: 14 * day, Interaction: hour, Session: 14 * day, Grant: 14 * day },
    clientBasedCORS: (_ctx, origin) => origin === baseUrl,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The app's own sign-out (its ID token as the hint names this client) needs no second question.
        logoutSource: (ctx, form) => {
          const ours = ctx.oidc.client?.clientId === webClientId;
          pageInto(ctx, 200, renderSignOutPage(ctxLanguage(ctx), form, ours));
          if (ours) ctx.set('content-security-policy', signOutPageCsp);
        },
        postLogoutSuccessSource: (ctx) => pageInto(ctx, 200, renderSignedOutPage(ctxLanguage(ctx))),
      },
    },
    renderError: (ctx, out) => pageInto(ctx, ctx.status >= 400 ? ctx.status : 400, renderProblemPage(ctxLanguage(ctx), `${out.error}: ${out.error_description ?? ''}`)),
  };
  const provider = new Provider(issuer.issuer, configuration);
  const callback = provider.callback();

  /** The interaction pages: `GET .../interaction/<uid>` (pick an account), `POST .../login`, `POST .../abort`. */
  async function interaction(request: IncomingMessage, response: ServerResponse, url: URL, uid: string, step: string | undefined) {
    const details = await provider.interactionDetails(request, response);
    const finish = (result: InteractionResults) => provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
    if (step === 'abort') return finish({ error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
    const chosen = step === 'login' ? new URLSearchParams((await readBody(request)).toString('utf8')).get('account') : hint;
    if (chosen && byId.has(chosen)) return finish({ login: { accountId: chosen } });

    const lang = languageOf(request, url.searchParams.get('lang') ?? details.params.ui_locales);
    const here = `${issuerPath}/interaction/${uid}`;
    const suggested = hint ? accounts.find((a) => a.principal.role === 'company' && a.principal.entityId === hint) : undefined;
    const roleHint = signInGroups.find((role) => role === details.params.role_hint);
    const page = renderSignInPage({
      lang,
      accounts,
      action: `${here}/login?lang=${lang}`,
      abortAction: `${here}/abort?lang=${lang}`,
      otherLanguageHref: `${here}?lang=${lang === 'en' ? 'zh-CN' : 'en'}`,
      ...(suggested ? { suggested } : {}),
      ...(roleHint ? { roleHint } : {}),
    });
    // A posted account that is not one of ours: the list again, as a refused request.
    send(response, html(step === 'login' ? 400 : 200, page, { 'content-security-policy': providerPageCsp }));
  }

  return (request, response) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const step = interactionPath.exec(url.pathname);
    if (step) {
      const method = step[2] ? 'POST' : 'GET';
      if (request.method !== method) return send(response, html(405, renderProblemPage(languageOf(request)), { allow: method, 'content-security-policy': providerPageCsp }));
      interaction(request, response, url, step[1]!, step[2]).catch(() =>
        send(response, html(400, renderProblemPage(languageOf(request, url.searchParams.get('lang'))), { 'content-security-policy': providerPageCsp })),
      );
      return;
    }
    // oidc-provider reads its mount path from `originalUrl` (what Express would set) and routes on the rest.
    Object.assign(request, { originalUrl: request.url, url: (request.url ?? '/').slice(issuerPath.length) || '/' });
    callback(request, response);
  };
}
