/**
 * The supervisors' console, its own lazy chunk: the kit (antd, in the reader's language and the app's colours), the
 * console's navigation with the department the supervisor acts for, and its pages. Phone pages load none of it.
 */
import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useAuth } from '../app/auth.tsx';
import { Loading } from '../app/ui.tsx';
import { useScope } from './scope.ts';
import { useConsoleText } from './text.ts';
import './console.css';

// antd types its ES locale files as CommonJS (a module whose `default` is the locale); bundled, they are the locale.
const asLocale = (module: unknown) => ((module as { default?: Locale }).default ?? module) as Locale;
const locales = { en: asLocale(enUSModule), 'zh-CN': asLocale(zhCNModule) };

const Overview = lazy(() => import('./Overview.tsx'));
const Warnings = lazy(() => import('./Warnings.tsx'));
const ClueView = lazy(() => import('./ClueView.tsx'));
const Companies = lazy(() => import('./Companies.tsx'));
const CompanyPage = lazy(() => import('./CompanyPage.tsx'));
const Notice = lazy(() => import('./Notice.tsx'));
const DrawWizard = lazy(() => import('./DrawWizard.tsx'));
const ConsoleDraw = lazy(() => import('./ConsoleDraw.tsx'));
const ConsoleDraws = lazy(() => import('./ConsoleDraws.tsx'));
const Figures = lazy(() => import('./Figures.tsx'));
const Imports = lazy(() => import('./Imports.tsx'));
const Inspections = lazy(() => import('./Inspections.tsx'));
const PlanInspection = lazy(() => import('./PlanInspection.tsx'));

/**
 * The app's blue, and secondary text dark enough for WCAG AA on white (antd's default greys are not), so console
 * and phone pages read as one product.
 */
const grey = '#4a5560';
const theme = {
  token: { colorPrimary: '#0b5cad', colorLink: '#0b5cad', colorTextSecondary: grey, colorTextTertiary: grey, colorTextDescription: grey, colorTextPlaceholder: grey, fontFamily: 'inherit' },
};

export default function Console() {
  const { c, department, language } = useConsoleText();
  const { principal } = useAuth();
  const { importsData } = useScope();
  return (
    <ConfigProvider locale={locales[language]} theme={theme}>
      <div className="console">
        <div className="console-head">
          <strong>{c('consoleTitle')}</strong>
          <span>{principal?.department ? c('department', { name: department(principal.department) }) : c('cityWide')}</span>
        </div>
        <nav className="console-nav" aria-label={c('consoleNav')}>
          <NavLink to="/console" end>
            {c('navOverview')}
          </NavLink>
          <NavLink to="/console/companies">{c('navCompanies')}</NavLink>
          <NavLink to="/console/inspections">{c('inspectionsNav')}</NavLink>
          <NavLink to="/console/warnings">{c('navWarnings')}</NavLink>
          <NavLink to="/console/draws">{c('navDraws')}</NavLink>
          <NavLink to="/console/figures">{c('navFigures')}</NavLink>
          {importsData && <NavLink to="/console/imports">{c('navImports')}</NavLink>}
        </nav>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<Overview />} />
            <Route path="warnings" element={<Warnings />} />
            <Route path="warnings/:id" element={<ClueView />} />
            <Route path="companies" element={<Companies />} />
            <Route path="companies/:id" element={<CompanyPage />} />
            <Route path="inspections" element={<Inspections />} />
            <Route path="inspections/new" element={<PlanInspection />} />
            <Route path="inspections/:id/notice" element={<Notice document="notice" />} />
            <Route path="inspections/:id/record" element={<Notice document="record" />} />
            <Route path="draws" element={<ConsoleDraws />} />
            <Route path="draws/new" element={<DrawWizard />} />
            <Route path="draws/:id" element={<ConsoleDraw />} />
            <Route path="figures" element={<Figures />} />
            {importsData && <Route path="imports" element={<Imports />} />}
          </Routes>
        </Suspense>
      </div>
    </ConfigProvider>
  );
}
