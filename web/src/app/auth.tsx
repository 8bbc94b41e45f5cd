/**
 * Sign-in by OpenID Connect, authorization code + PKCE (oidc-client-ts), the same against the local provider and
 * Cognito. Tokens live in sessionStorage only; renewal is silent (`/auth/silent`); the ID token is what the API reads.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { principalFromClaims, type Principal, type Role } from '#shared/auth/principal.ts';
import type { RuntimeConfig } from './config.ts';
import { useI18n } from './i18n.tsx';

/** Cognito's issuer (`https://cognito-idp.<region>.amazonaws.com/<pool>`): its logout takes `logout_uri` and `client_id`. */
const isCognito = (config: RuntimeConfig) => new URL(config.authority).hostname.startsWith('cognito-idp.');

export function createUserManager(config: RuntimeConfig): UserManager {
  const origin = window.location.origin;
  const session = new WebStorageStateStore({ store: window.sessionStorage });
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: `${origin}/auth/callback`,
    silent_redirect_uri: `${origin}/auth/silent`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: session,
    stateStore: session,
    automaticSilentRenew: true,
  });
}

interface Auth {
  user: User | null;
  /** Sign-out under way: pages behind sign-in wait for it rather than signing in again. */
  signingOut: boolean;
  principal: Principal | undefined;
  /**
   * To the provider and back to `returnTo`. `loginHint`: the company the scan was about; `role`: the kind of account
   * the visitor said they are, which the local provider lists first (an authorization parameter Cognito ignores).
   */
  signIn(returnTo: string, hints?: { loginHint?: string; role?: Role }): Promise<void>;
  signOut(): Promise<void>;
  manager: UserManager;
}

const Context = createContext<Auth | undefined>(undefined);

export function AuthProvider({ manager, config, children }: { manager: UserManager; config: RuntimeConfig; children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [signingOut, setSigningOut] = useState(false);
  useEffect(() => {
    void manager.getUser().then((found) => setUser(found && !found.expired ? found : null));
    const loaded = (next: User) => setUser(next);
    const unloaded = () => setUser(null);
    manager.events.addUserLoaded(loaded);
    manager.events.addUserUnloaded(unloaded);
    manager.events.addUserSignedOut(unloaded);
    return () => {
      manager.events.removeUserLoaded(loaded);
      manager.events.removeUserUnloaded(unloaded);
      manager.events.removeUserSignedOut(unloaded);
    };
  }, [manager]);
  const value = useMemo<Auth>(
    () => ({
      user: user ?? null,
      signingOut,
      principal: user ? principalFromClaims(user.profile as Record<string, unknown>) : undefined,
      manager,
      signIn: (returnTo, hints) =>
        manager.signinRedirect({
          state: { returnTo },
          ...(hints?.loginHint ? { login_hint: hints.loginHint } : {}),
          ...(hints?.role ? { extraQueryParams: { role_hint: hints.role } } : {}),
        }),
      async signOut() {
        // Set first: the tokens are forgotten before the browser leaves, and a page behind sign-in must not take
        // that for "signed out, sign in again".
        setSigningOut(true);
        const home = `${window.location.origin}/`;
        try {
          await manager.signoutRedirect({
            ...(user?.id_token ? { id_token_hint: user.id_token } : {}),
            post_logout_redirect_uri: home,
            ...(isCognito(config) ? { extraQueryParams: { logout_uri: home, client_id: config.clientId } } : {}),
          });
        } catch {
          // A provider without an end-session endpoint: forgetting the tokens here is the sign-out.
          await manager.removeUser();
          window.location.assign('/');
        }
      },
    }),
    [user, manager, signingOut, config],
  );
  // Until the stored session is read, nothing can tell signed-in from signed-out.
  if (user === undefined) return null;
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(Context);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Pages behind sign-in: a visitor without a session goes to the provider and comes back to the same URL. */
export function RequireSignIn({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { user, principal, signIn, signingOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const signedIn = Boolean(user && principal);
  useEffect(() => {
    if (signingOut) return;
    // The scan page's link names the company to sign in as; once read, it leaves the address bar (and so history,
    // screenshots and the way back from the provider). `code`: links from before the scan page stopped sending it.
    const search = new URLSearchParams(location.search);
    const hint = search.get('login_hint') ?? undefined;
    const landed = search.has('login_hint') || search.has('code');
    search.delete('login_hint');
    search.delete('code');
    const clean = location.pathname + (search.size ? `?${search}` : '');
    if (!signedIn) void signIn(clean, hint ? { loginHint: hint } : undefined);
    else if (landed) void navigate(clean + location.hash, { replace: true });
  }, [signedIn, signIn, location, signingOut, navigate]);
  if (signingOut) return <p role="status">{t('signingOut')}</p>;
  if (!signedIn) return <p role="status">{t('signingIn')}</p>;
  if (roles && !roles.includes(principal!.role)) return <p role="alert">{t('errorForbidden')}</p>;
  return <>{children}</>;
}

/** `/auth/callback`: the provider sends the browser back here with a code; exchange it and return where we were. */
export function AuthCallback() {
  const { manager } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string>();
  // The code can be exchanged once: a second effect run (a re-mount) must not try again.
  const exchanged = useRef(false);
  useEffect(() => {
    if (exchanged.current) return;
    exchanged.current = true;
    manager.signinRedirectCallback().then(
      (user) => navigate((user.state as { returnTo?: string } | undefined)?.returnTo ?? '/app/inspections', { replace: true }),
      (error: Error) => setFailed(error.message),
    );
  }, [manager, navigate]);
  return failed ? (
    <p role="alert">
      {t('errorSignIn')} <a href="/">{t('home')}</a>
    </p>
  ) : (
    <p role="status">{t('signingIn')}</p>
  );
}
