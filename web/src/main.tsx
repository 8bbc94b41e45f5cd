/** Boot: read the runtime config, answer a silent renewal if that is what loaded us, else start the app. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { principalFromClaims } from '#shared/auth/principal.ts';
import { BrowserRouter } from 'react-router';
import { createApi } from './app/api.ts';
import { AuthProvider, createUserManager } from './app/auth.tsx';
import { loadConfig } from './app/config.ts';
import { ApiContext } from './app/data.ts';
import { I18nProvider } from './app/i18n.tsx';
import { AppRoutes, prefetchLandingPage } from './app/routes.tsx';
import './app/styles.css';

async function boot() {
  const config = await loadConfig();
  const manager = createUserManager(config);
  if (window.location.pathname === '/auth/silent') {
    // Inside the hidden renewal frame: hand the new tokens to the page and render nothing.
    await manager.signinSilentCallback();
    return;
  }
  let idToken: string | undefined;
  manager.events.addUserLoaded((user) => {
    idToken = user.id_token;
  });
  manager.events.addUserUnloaded(() => {
    idToken = undefined;
  });
  const stored = await manager.getUser();
  idToken = stored && !stored.expired ? stored.id_token : undefined;
  const api = createApi(config.apiBase, () => idToken);
  // A refused request is not retried blindly: the notice says what to do and offers a retry where it helps.
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  const role = stored && idToken ? principalFromClaims(stored.profile as Record<string, unknown>)?.role : undefined;
  if (role) prefetchLandingPage(window.location.pathname, role, queries, api);
  createRoot(document.getElementById('root')!).render(
    <I18nProvider timeZone={config.timeZone}>
      <BrowserRouter>
        <AuthProvider manager={manager} config={config}>
          <ApiContext.Provider value={api}>
            <QueryClientProvider client={queries}>
              <AppRoutes />
            </QueryClientProvider>
          </ApiContext.Provider>
        </AuthProvider>
      </BrowserRouter>
    </I18nProvider>,
  );
}

// No top-level await: the in-app browsers of WeChat and Alipay may lack it.
void boot();
