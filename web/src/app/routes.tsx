/**
 * Every page of the app, declared once. Each role's screens are their own chunk (React.lazy): a company's phone
 * loads the company's pages and nothing of the inspector's, the public draw verifier or a later console.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { matchPath, Route, Routes, useParams } from 'react-router';
import type { Role } from '#shared/auth/principal.ts';
import type { Api } from './api.ts';
import { prefetch, usePrefetch } from './data.ts';
import { AuthCallback, RequireSignIn, useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { Layout, Loading } from './ui.tsx';

const Home = lazy(() => import('../public/Home.tsx'));
const Draws = lazy(() => import('../public/Draws.tsx'));
const DrawPage = lazy(() => import('../public/DrawPage.tsx'));
const CompanyInspections = lazy(() => import('../company/CompanyInspections.tsx'));
const screens = {
  companyInspection: () => import('../company/CompanyInspection.tsx'),
  inspectorInspection: () => import('../inspector/InspectorInspection.tsx'),
};
const CompanyInspection = lazy(screens.companyInspection);
const CompanyAlerts = lazy(() => import('../company/CompanyAlerts.tsx'));
const Assignments = lazy(() => import('../inspector/Assignments.tsx'));
const InspectorInspection = lazy(screens.inspectorInspection);
const Console = lazy(() => import('../console/Console.tsx'));

/** One URL, the screen of the signed-in role. */
function ByRole({ company, inspector }: { company: ReactNode; inspector: ReactNode }) {
  const { principal } = useAuth();
  return <>{principal?.role === 'company' ? company : inspector}</>;
}

const inspectionPath = '/app/inspections/:id';

/**
 * The data and the screen's code of the page a signed-in user opens the app on, asked for as it boots, before
 * React renders: on a slow phone both then overlap the app's first render instead of following it.
 */
export function prefetchLandingPage(pathname: string, role: Role, client: QueryClient, api: Api): void {
  const inspection = matchPath(inspectionPath, pathname);
  if (!inspection?.params.id) return;
  prefetch(client, api, 'getInspection', { params: { id: inspection.params.id } });
  void (role === 'company' ? screens.companyInspection() : screens.inspectorInspection());
}

/** An inspection: its data is asked for while the role's screen is still loading. */
function InspectionRoute() {
  const { id = '' } = useParams();
  usePrefetch('getInspection', { params: { id } });
  return <ByRole company={<CompanyInspection />} inspector={<InspectorInspection />} />;
}

function NotFound() {
  const { t } = useI18n();
  return <h1>{t('notFoundPage')}</h1>;
}

export function AppRoutes() {
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/auth/callback" element={<AuthCallback />} />
          <Route
            path="/app/inspections"
            element={
              <RequireSignIn roles={['company', 'inspector']}>
                <ByRole company={<CompanyInspections />} inspector={<Assignments />} />
              </RequireSignIn>
            }
          />
          <Route
            path={inspectionPath}
            element={
              <RequireSignIn roles={['company', 'inspector']}>
                <InspectionRoute />
              </RequireSignIn>
            }
          />
          <Route
            path="/app/alerts"
            element={
              <RequireSignIn roles={['company']}>
                <CompanyAlerts />
              </RequireSignIn>
            }
          />
          <Route
            path="/console/*"
            element={
              <RequireSignIn roles={['supervisor']}>
                <Console />
              </RequireSignIn>
            }
          />
          <Route path="/draws" element={<Draws />} />
          <Route path="/draws/:id" element={<DrawPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
