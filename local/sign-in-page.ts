/**
 * The local OpenID provider's pages: pick a demo account (no password), sign out, and what went wrong. Server
 * rendered, no script, Chinese or English, large touch targets for a 360 px phone.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../shared/codes/scan-page.ts';
import type { Language } from '../shared/codes/messages.ts';
import type { Role } from '../shared/auth/principal.ts';
import type { DemoAccount } from './demo-data.ts';

/** Pages post their forms to this server only and may not be framed. */
export const providerPageCsp = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The one script a provider page runs: the app's own sign-out confirms itself (the user asked for it in the app),
 * allowed by its hash and nothing else. Without script the page still offers the buttons.
 */
const confirmSignOut = "document.getElementById('op.logoutForm').submit();";
export const signOutPageCsp = `${providerPageCsp}; script-src 'sha256-${createHash('sha256').update(confirmSignOut).digest('base64')}'`;

const text = {
  'zh-CN': {
    product: '检查码',
    signIn: '登录检查码（本地演示）',
    pick: '本地演示环境：选择一个账号即可登录，无需密码。',
    suggested: '以该企业身份继续',
    company: '企业',
    inspector: '执法人员',
    supervisor: '监管人员',
    more: '更多企业',
    cancel: '取消登录',
    other: 'English',
    signOut: '退出登录？',
    signOutHint: '退出后需要重新选择账号登录。',
    signingOut: '正在退出登录…',
    signingOutHint: '正在结束本次登录，随后回到首页。如果页面没有自动跳转，请点击下面的按钮。',
    yes: '退出',
    no: '保持登录',
    signedOut: '已退出登录',
    home: '返回首页',
    failed: '登录未完成',
    expired: '本次登录已过期或已完成，请从应用重新开始。',
  },
  en: {
    product: 'Inspection code',
    signIn: 'Sign in to Supervision Code (local demo)',
    pick: 'Local demo: pick an account to sign in, no password.',
    suggested: 'Continue as this company',
    company: 'Companies',
    inspector: 'Inspectors',
    supervisor: 'Supervisors',
    more: 'More companies',
    cancel: 'Cancel sign-in',
    other: '中文',
    signOut: 'Sign out?',
    signOutHint: 'You will pick an account again to sign back in.',
    signingOut: 'Signing out…',
    signingOutHint: 'Ending your session, then back to the home page. If nothing happens, press the button below.',
    yes: 'Sign out',
    no: 'Stay signed in',
    signedOut: 'You are signed out',
    home: 'Back to the home page',
    failed: 'Sign-in did not complete',
    expired: 'This sign-in has expired or was already completed; start again from the app.',
  },
} satisfies Record<Language, Record<string, string>>;

const style = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1b1f24;background:#f3f5f7}
main{max-width:34rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;gap:.5rem}
h1{font-size:1.25rem;margin:.75rem 0 .25rem}h2{font-size:1.05rem;margin:1.25rem 0 .5rem}p{margin:.25rem 0 1rem;color:#4a5560}
ul{list-style:none;margin:0;padding:0}li{margin:0 0 .5rem}
button{display:block;width:100%;min-height:3.25rem;padding:.6rem 1rem;text-align:left;font:inherit;color:#1b1f24;background:#fff;border:1px solid #c3ccd5;border-radius:.75rem;cursor:pointer}
button:hover,button:focus-visible{border-color:#0b5cad;outline:3px solid #8fc1f0;outline-offset:1px}
button .name{display:block;font-weight:600}button .about{display:block;font-size:.9rem;color:#4a5560}
.suggested button{border:2px solid #0b5cad;background:#eaf3fc}.secondary{text-align:center;color:#0b5cad;margin-top:1.5rem}
.primary{text-align:center;color:#fff;background:#0b5cad;border-color:#0b5cad}
summary{min-height:3rem;padding:.75rem 0;color:#0b5cad;cursor:pointer}
a{color:#0b5cad}a.lang{padding:.5rem .75rem;border:1px solid #0b5cad;border-radius:.5rem;text-decoration:none}
`;

function page(lang: Language, title: string, body: string, otherLanguageHref?: string): string {
  const t = text[lang];
  const switcher = otherLanguageHref
    ? `<a class="lang" href="${escapeHtml(otherLanguageHref)}" lang="${lang === 'en' ? 'zh-CN' : 'en'}">${t.other}</a>`
    : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${t.product}</title><style>${style}</style></head>
<body><main><header><span>${t.product}</span>${switcher}</header>
${body}</main></body></html>`;
}

const accountButton = (account: DemoAccount, lang: Language, autofocus = false) =>
  `<button type="submit" name="account" value="${escapeHtml(account.id)}"${autofocus ? ' autofocus' : ''}><span class="name">${escapeHtml(account.name)}</span><span class="about">${escapeHtml(account.about[lang])}</span></button>`;

/** The groups of accounts on the page, in this order unless the visitor said which kind they are. */
export const signInGroups: Exclude<Role, 'device'>[] = ['company', 'inspector', 'supervisor'];

export function renderSignInPage(options: {
  lang: Language;
  accounts: readonly DemoAccount[];
  /** Where the chosen account is posted (`account=<id>`). */
  action: string;
  abortAction: string;
  otherLanguageHref: string;
  /** The company the app asked for (`login_hint` = its entity id), offered first. */
  suggested?: DemoAccount;
  /** The kind of account the visitor chose in the app (`role_hint`): its group comes first. */
  roleHint?: Exclude<Role, 'device'>;
}): string {
  const { lang, accounts, suggested, roleHint } = options;
  const t = text[lang];
  const suggestion = suggested
    ? `<section class="suggested" aria-labelledby="suggested"><h2 id="suggested">${t.suggested}</h2>${accountButton(suggested, lang, true)}</section>`
    : '';
  const list = (members: readonly DemoAccount[]) => `<ul>${members.map((a) => `<li>${accountButton(a, lang)}</li>`).join('')}</ul>`;
  const groups = roleHint ? [roleHint, ...signInGroups.filter((role) => role !== roleHint)] : signInGroups;
  const lists = groups
    .map((role) => {
      const members = accounts.filter((a) => a.principal.role === role);
      const folded = members.filter((a) => a.folded);
      const more = folded.length ? `<details><summary>${t.more} (${folded.length})</summary>${list(folded)}</details>` : '';
      return `<section aria-labelledby="group-${role}"><h2 id="group-${role}">${t[role]}</h2>${list(members.filter((a) => !a.folded))}${more}</section>`;
    })
    .join('\n');
  return page(
    lang,
    t.signIn,
    `<h1>${t.signIn}</h1><p>${t.pick}</p>
<form method="post" action="${escapeHtml(options.action)}">${suggestion}${lists}</form>
<form method="post" action="${escapeHtml(options.abortAction)}"><button type="submit" class="secondary">${t.cancel}</button></form>`,
    options.otherLanguageHref,
  );
}

/** oidc-provider's sign-out confirmation: `form` is its own hidden form (`id="op.logoutForm"`) with the xsrf token. */
/**
 * Sign out? — asked of a sign-out another site started; for the app's own (`confirmed`), the form carries the
 * answer and sends itself, the page saying what happens meanwhile.
 */
export function renderSignOutPage(lang: Language, form: string, confirmed = false): string {
  const t = text[lang];
  if (confirmed)
    return page(
      lang,
      t.signingOut,
      `<h1>${t.signingOut}</h1><p role="status">${t.signingOutHint}</p>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<ul><li><button type="submit" form="op.logoutForm" class="primary">${t.yes}</button></li></ul><script>${confirmSignOut}</script>`,
    );
  return page(
    lang,
    t.signOut,
    `<h1>${t.signOut}</h1><p>${t.signOutHint}</p>${form}
<ul><li><button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>${t.yes}</button></li>
<li><button type="submit" form="op.logoutForm" class="secondary">${t.no}</button></li></ul>`,
  );
}

export function renderSignedOutPage(lang: Language): string {
  const t = text[lang];
  return page(lang, t.signedOut, `<h1>${t.signedOut}</h1><p><a href="/">${t.home}</a></p>`);
}

/** What went wrong, in words (the OAuth error and its description), with the way back. */
export function renderProblemPage(lang: Language, detail?: string): string {
  const t = text[lang];
  return page(lang, t.failed, `<h1>${t.failed}</h1><p>${escapeHtml(detail ?? t.expired)}</p><p><a href="/">${t.home}</a></p>`);
}
