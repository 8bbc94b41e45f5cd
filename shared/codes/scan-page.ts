/** The page a company sees when it scans a code with a phone: server-rendered, no script, readable by screen readers. */
import { dayFormat, localDay } from '../dates.ts';
import { messages, type Language, type MessageKey } from './messages.ts';
import type { ScanView } from './scan-view.ts';
import { departmentNames, inLanguage, labelOf } from '../labels.ts';

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1b1f24;background:#f3f5f7}
main{max-width:34rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center}
h1{font-size:1.25rem;margin:.5rem 0}h2{font-size:1.05rem;margin:1.25rem 0 .5rem}
.banner{border-radius:.75rem;padding:1rem;margin:.5rem 0 1rem;color:#fff}.ok{background:#0b6b3a}.bad{background:#a4161a}
.banner strong{display:block;font-size:1.15rem}section{background:#fff;border-radius:.75rem;padding:.25rem 1rem 1rem;margin-bottom:1rem}
dl{margin:0}dt{font-weight:600;margin-top:.75rem}dd{margin:0}ul{margin:.25rem 0;padding-left:1.25rem}
.finding{border-left:4px solid #b7791f;padding-left:.75rem;margin:.75rem 0}a{color:#0b5cad}.hint{color:#4a5560;font-size:.9rem}
a.lang{padding:.5rem .75rem;border:1px solid #0b5cad;border-radius:.5rem;text-decoration:none}
a.button{display:block;min-height:44px;padding:.7rem 1rem;border-radius:.5rem;background:#0b5cad;color:#fff;text-align:center;text-decoration:none;font-weight:600}
`;

function page(lang: Language, title: string, body: string, otherLanguageHref: string): string {
  const t = messages[lang];
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>${escapeHtml(title)} · ${t.title}</title><style>${style}</style></head>
<body><main><header><span>${t.title}</span><a class="lang" href="${escapeHtml(otherLanguageHref)}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${t.switchLanguage}</a></header>
${body}</main></body></html>`;
}

const otherLanguage = (lang: Language): Language => (lang === 'en' ? 'zh-CN' : 'en');
const languageLink = (lang: Language) => `?lang=${otherLanguage(lang)}`;

/**
 * Where the web app picks up the scan: the same inspection, signed in, the company pre-selected (`login_hint`). Not
 * the code: the signed-in company reads its inspection (and code) by id, and a code in the app's URL would stay in
 * history and screenshots.
 */
export const signInPath = (inspectionId: string, entityId: string) =>
  `/app/inspections/${encodeURIComponent(inspectionId)}?${new URLSearchParams({ login_hint: entityId })}`;

/** Instants (submissions) are shown as the day they fell on in `timeZone`, the authority's. */
export function renderScanPage(view: ScanView, lang: Language, timeZone: string, signInHref?: string): string {
  const t = messages[lang];
  const say = (key: string) => t[key as MessageKey] ?? key;
  const department = (id: string) => labelOf(departmentNames, id, lang);
  const { inspection } = view;
  const item = (label: string, value: string) => `<dt>${label}</dt><dd>${value}</dd>`;
  // Days as the web app shows them, in the reader's language; the machine-readable day stays in `datetime`.
  const formatDay = dayFormat(lang);
  const time = (isoDay: string) => `<time datetime="${isoDay}">${formatDay(isoDay)}</time>`;
  const legitimacy = `
<div class="banner ok" role="status"><strong>✓ ${t.registered}</strong>${t.registeredHint}</div>
<section aria-labelledby="what"><h1 id="what">${escapeHtml(inspection.entityName)}</h1><dl>
${item(t.status, say(`status_${inspection.status}`))}
${item(t.departments, inspection.departments.map((d) => escapeHtml(department(d))).join('、'))}
${item(t.window, `${time(inspection.window.start)} ${t.to} ${time(inspection.window.end)}`)}
${item(t.items, `<ul>${inspection.items.map((i) => `<li>${escapeHtml(inLanguage(i, lang))}</li>`).join('')}</ul>`)}
${item(t.inspectors, `<ul>${inspection.inspectors.map((i) => `<li>${escapeHtml(i.name)} · ${escapeHtml(department(i.department))} · ${t.certificate} <span aria-label="${t.certificate}">${escapeHtml(i.certificateNo)}</span></li>`).join('')}</ul>`)}
${item(t.contact, `${escapeHtml(inspection.contact.name)} · <a href="tel:${escapeHtml(inspection.contact.phone.replace(/[ -]/g, ''))}">${escapeHtml(inspection.contact.phone)}</a>`)}
${item(t.validUntil, time(view.code.validUntil))}
</dl></section>`;
  const signIn = signInHref ? `<p><a class="button" href="${escapeHtml(signInHref)}">${t.signIn}</a></p><p class="hint">${t.signInHint}</p>` : '';
  if (!('details' in view)) return page(lang, inspection.entityName, `${legitimacy}${signIn}<p class="hint">${t.detailsHint}</p>`, languageLink(lang));
  const { result, rectifications, basis } = view.details;
  const why =
    basis?.kind === 'draw'
      ? `${t.basisDraw} · ${basis.drawIds.map((id) => `<a href="/draws/${encodeURIComponent(id)}/verify">${t.verifyDraw}</a>`).join(' · ')}`
      : basis
        ? `${t.basisTrigger}: ${escapeHtml(basis.name[lang === 'en' ? 'en' : 'zh'])} (${time(basis.firedOn)})${
            lang === 'en' ? `<ul>${basis.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : ''
          }`
        : '';
  const grounds = why ? `<section aria-labelledby="basis"><h2 id="basis">${t.basis}</h2><div>${why}</div></section>` : '';
  const findings = result
    ? result.findings.length === 0
      ? `<p>${t.noFindings}</p>`
      : result.findings
          .map(
            (f) => `<div class="finding"><strong>${escapeHtml(f.item)}</strong> · ${t.severity}: ${say(`severity_${f.severity}`)}
<p>${escapeHtml(f.description)}</p><dl>${item(t.guidance, escapeHtml(f.guidance))}${item(t.deadline, time(f.deadline))}</dl></div>`,
          )
          .join('')
    : '';
  const results = result
    ? `<section aria-labelledby="results"><h2 id="results">${t.results}: ${say(`outcome_${result.outcome}`)}</h2><h3>${t.findings}</h3>${findings}</section>`
    : '';
  const rectification =
    rectifications.length > 0
      ? `<section aria-labelledby="rect"><h2 id="rect">${t.rectifications}</h2><ul>${rectifications
          .map(
            (r) =>
              `<li>${t.submitted} ${time(localDay(r.submittedAt, timeZone))}: ${say(`rectification_${r.status}`)}${
                r.review?.comment ? ` — ${t.reviewComment}: ${escapeHtml(r.review.comment)}` : ''
              }</li>`,
          )
          .join('')}</ul></section>`
      : '';
  return page(lang, inspection.entityName, legitimacy + signIn + grounds + results + rectification, languageLink(lang));
}

/** The national market-supervision complaints hotline: whom a holder of a doubtful code can always ask. */
const authorityHotline = '12315';

export type ScanProblem = 'not-found' | 'revoked' | 'expired';

export function renderScanProblemPage(problem: ScanProblem, lang: Language): string {
  const t = messages[lang];
  const [title, body] =
    problem === 'not-found'
      ? [t.notFoundTitle, t.notFoundBody]
      : problem === 'revoked'
        ? [t.goneRevokedTitle, t.goneRevokedBody]
        : [t.goneExpiredTitle, t.goneExpiredBody];
  return page(
    lang,
    title,
    `<div class="banner bad" role="alert"><h1>✗ ${title}</h1>${body}</div>
<section aria-labelledby="ask"><h2 id="ask">${t.contact}</h2><p><a href="tel:${authorityHotline}">${t.authorityContact}</a></p></section>`,
    languageLink(lang),
  );
}
