/** The front door: pick who you are, or look at the public draws. */
import { Link } from 'react-router';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.tsx';

export default function Home() {
  const { t } = useI18n();
  const { principal, signIn } = useAuth();
  return (
    <>
      <h1>{t('homeTitle')}</h1>
      <p>{t('homeIntro')}</p>
      <ul className="cards">
        {principal ? (
          <li>
            {principal.role === 'supervisor' ? (
              <Link className="button" to="/console">
                {t('navConsole')}
              </Link>
            ) : (
              <Link className="button" to="/app/inspections">
                {t('navInspections')}
              </Link>
            )}
          </li>
        ) : (
          <>
            <li>
              <button type="button" onClick={() => void signIn('/app/inspections', { role: 'company' })}>
                {t('homeCompany')}
              </button>
              <p className="hint">{t('homeCompanyHint')}</p>
            </li>
            <li>
              <button type="button" onClick={() => void signIn('/app/inspections', { role: 'inspector' })}>
                {t('homeInspector')}
              </button>
              <p className="hint">{t('homeInspectorHint')}</p>
            </li>
            <li>
              <button type="button" onClick={() => void signIn('/console', { role: 'supervisor' })}>
                {t('homeSupervisor')}
              </button>
              <p className="hint">{t('homeSupervisorHint')}</p>
            </li>
          </>
        )}
        <li>
          <Link className="button secondary" to="/draws">
            {t('homePublic')}
          </Link>
          <p className="hint">{t('homePublicHint')}</p>
        </li>
      </ul>
    </>
  );
}
