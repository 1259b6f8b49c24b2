// The console: signs the person in, then shows the page the address names (#/registrations, #/letters…) for
// their role. Switching language re-renders the same page in the other language and direction.
import {h, show} from './dom.js';
import * as i18n from './i18n.js';
import * as auth from './auth.js';
import {routes} from './routes.js';
import {problem, loading} from './ui.js';

const main = document.getElementById('main');

function match(hash) {
  const path = (hash || '').replace(/^#/, '') || '/';
  for (const route of routes) {
    const names = [];
    const pattern = new RegExp('^' + route.path.replace(/:([a-z]+)/gi, (_, name) => {
      names.push(name);
      return '([^/]+)';
    }) + '$');
    const found = pattern.exec(path.split('?')[0]);
    if (found) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1])]));
      const query = new URLSearchParams(path.includes('?') ? path.substring(path.indexOf('?') + 1) : '');
      return {route, params, query};
    }
  }
  return null;
}

function home(user) {
  return user?.role === 'protocol' ? '#/letters' : '#/registrations';
}

function renderChrome(user) {
  const brand = document.getElementById('brand');
  show(brand, i18n.t('console.brand'));
  const other = i18n.lang() === 'ar' ? 'fr' : 'ar';
  const switcher = document.getElementById('lang-switch');
  show(switcher, i18n.t(`console.switch.${other}`));
  switcher.setAttribute('lang', other);
  switcher.setAttribute('aria-label', i18n.t(`console.switch.${other}.label`));
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', i18n.t('console.nav'));
  const current = (location.hash || '').split('?')[0].replace(/^#/, '');
  const entries = user?.role ? routes.filter(r => r.nav && r.roles.includes(user.role)) : [];
  // the entry of the page shown: the longest whose path is the address or a folder of it (#/letters/downloads is
  // the audit's, not the letters')
  const here = entries.filter(r => current === r.path || current.startsWith(`${r.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  show(nav, entries.length ? h('ul', {}, entries.map(r =>
    h('li', {}, h('a', {href: `#${r.path}`, 'aria-current': r === here ? 'page' : null}, i18n.t(r.nav))))) : null);
  show(document.getElementById('who'), user ? `${user.name} · ${i18n.t(`console.role.${user.role || 'none'}`)}` : '');
  const out = document.getElementById('sign-out');
  out.hidden = !user;
  show(out, i18n.t('console.signOut'));
}

function signInPage(back) {
  document.title = 'convoc';
  show(main, h('div', {class: 'sign-in'},
    h('h1', {}, i18n.t('console.signIn.title')),
    h('p', {}, i18n.t('console.signIn.text')),
    h('button', {type: 'button', id: 'sign-in', onclick: () => auth.signIn(back)}, i18n.t('console.signIn.button'))));
}

async function render() {
  const user = auth.user();
  renderChrome(user);
  if (!user) {
    signInPage(location.hash);
    return;
  }
  if (!user.role) {
    show(main, h('div', {class: 'alert', role: 'alert'}, i18n.t('console.noRole')));
    return;
  }
  const found = match(location.hash);
  if (!found || location.hash === '' || location.hash === '#/') {
    location.replace(home(user));
    return;
  }
  if (!found.route.roles.includes(user.role)) {
    show(main, h('div', {class: 'alert', role: 'alert'}, i18n.t('console.forbidden')));
    return;
  }
  loading(main);
  try {
    await found.route.render(main, found.params, found.query, {user, event: auth.settings().eventId});
  } catch (error) {
    show(main, problem(error));
  }
  main.focus({preventScroll: true});
}

async function start() {
  await auth.configure();
  await i18n.use(i18n.preferred());
  try {
    const back = await auth.completeSignIn();
    if (back) location.replace(back.startsWith('#') ? back : '#/');
  } catch (error) {
    console.error(error);
  }
  document.getElementById('lang-switch').addEventListener('click', async () => {
    await i18n.use(i18n.lang() === 'ar' ? 'fr' : 'ar');
    await render();
  });
  document.getElementById('sign-out').addEventListener('click', () => auth.signOut());
  window.addEventListener('hashchange', render);
  window.addEventListener('convoc:signed-out', render);
  await render();
}

start().catch(error => show(main, h('div', {class: 'alert', role: 'alert'}, String(error))));
