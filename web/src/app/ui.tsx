/** The pieces every screen shares: the frame with navigation and the language switch, loading and error notices. */
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { ApiError, type FieldProblem } from './api.ts';
import { useAuth } from './auth.tsx';
import { unassignedReason } from './unassigned.ts';
import { useI18n } from './i18n.tsx';
import type { Key } from './messages.ts';

export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { principal, signOut } = useAuth();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        <button type="button" className="link" lang={other} onClick={() => setLanguage(other)}>
          {t('switchLanguage')}
        </button>
      </header>
      <nav className="tabs" aria-label={t('appName')}>
        {(principal?.role === 'company' || principal?.role === 'inspector') && <NavLink to="/app/inspections">{t('navInspections')}</NavLink>}
        {principal?.role === 'company' && <NavLink to="/app/alerts">{t('navAlerts')}</NavLink>}
        {principal?.role === 'supervisor' && <NavLink to="/console">{t('navConsole')}</NavLink>}
        <NavLink to="/draws">{t('navDraws')}</NavLink>
        {principal && (
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        )}
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('loading')}</p>;
}

const problemMessage: Record<ApiError['problem'], Key> = {
  network: 'errorNetwork',
  'sign-in': 'errorSignIn',
  forbidden: 'errorForbidden',
  'not-found': 'errorNotFound',
  conflict: 'errorConflict',
  invalid: 'errorInvalid',
  server: 'errorServer',
};

/** The form fields a refused body names (`findings.0.guidance`), as the reader sees them labelled. */
const fieldLabels: Record<string, Key> = {
  note: 'note',
  files: 'photos',
  item: 'findingItem',
  description: 'findingDescription',
  severity: 'findingSeverity',
  guidance: 'findingGuidance',
  deadline: 'findingDeadline',
  comment: 'rejectComment',
  outcome: 'outcome',
  findings: 'findings',
};

function useFieldName(): (path: string) => string {
  const { t } = useI18n();
  return (path) =>
    path
      .split('.')
      .map((part, i, parts) => (/^\d+$/.test(part) && parts[i - 1] === 'findings' ? t('findingN', { n: Number(part) + 1 }) : fieldLabels[part] ? t(fieldLabels[part]) : part))
      .filter((part, i, parts) => !(part === t('findings') && /^\d+$/.test(path.split('.')[i + 1] ?? '')))
      .join(' · ');
}

/** What is wrong with a field, in the reader's language where the rule is known; else the schema's own words. */
function useFieldProblem(): (problem: FieldProblem) => string {
  const { t } = useI18n();
  return ({ rule, message }) => {
    if (!rule) return message;
    const text = rule.origin === 'string';
    if (rule.code === 'too_small' && rule.minimum !== undefined)
      return rule.minimum <= 1 ? t('fieldRequired') : t(text ? 'fieldMinChars' : 'fieldMinItems', { n: rule.minimum });
    if (rule.code === 'too_big' && rule.maximum !== undefined) return t(text ? 'fieldMaxChars' : 'fieldMaxItems', { n: rule.maximum });
    if (rule.code === 'invalid_type' || rule.code === 'invalid_value') return t('fieldChoose');
    if (rule.code === 'invalid_format') return t('fieldFormat');
    return message;
  };
}

/** An error said as what to do next, with the fields to correct and a retry where retrying can help. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const fieldName = useFieldName();
  const fieldProblem = useFieldProblem();
  const problem = error instanceof ApiError ? error.problem : 'server';
  return (
    <div className="notice bad" role="alert">
      <p>{t(problemMessage[problem])}</p>
      {/* Nothing field by field to list: the fault as the API (or the browser) said it, in English, rather than an empty list. */}
      {!(error instanceof ApiError && error.details.length > 0) && error.message && (
        <p lang="en" className="hint">
          {error.message}
        </p>
      )}
      {error instanceof ApiError && error.details.length > 0 && (
        <ul>
          {error.details.map((d) => (
            <li key={d.path + d.message}>
              {d.path ? `${fieldName(d.path)}: ` : ''}
              {fieldProblem(d)}
            </li>
          ))}
        </ul>
      )}
      {problem === 'sign-in' && (
        <button type="button" onClick={() => void signIn(location.pathname + location.search)}>
          {t('signIn')}
        </button>
      )}
      {onRetry && (problem === 'network' || problem === 'server' || problem === 'conflict') && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** A query's three states in one place. */
export function Loaded<T>({ query, children }: { query: { data?: T; error: Error | null; refetch(): unknown }; children: (data: T) => ReactNode }) {
  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}

/** The companies a draw found no inspectors for, and why (the public page and the console); `linkTo` makes each a link. */
export function UnassignedCompanies({ unassigned, linkTo }: { unassigned: readonly { entityId: string; entityName?: string; reason: string }[] | undefined; linkTo?: (entityId: string) => string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!unassigned?.length) return null;
  return (
    <>
      <h3>{t('unassignedTitle')}</h3>
      <ul>
        {unassigned.map((u) => (
          <li key={u.entityId}>
            {linkTo ? <Link to={linkTo(u.entityId)}>{i18n.text(u.entityName ?? u.entityId)}</Link> : i18n.text(u.entityName ?? u.entityId)}: {unassignedReason(i18n, u.reason)}
          </li>
        ))}
      </ul>
    </>
  );
}
