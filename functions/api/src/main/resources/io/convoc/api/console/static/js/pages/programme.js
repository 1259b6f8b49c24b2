// The programme: its sessions by day, a session's editor that says whom saving will notify (and after what quiet
// window) before the organizer saves, and the invitation codes of the public registration form.
import {h, show, bdi, arrow} from '../dom.js';
import {t, number, dateTime, pick, codes, label, casablancaIso} from '../i18n.js';
import {api, ApiError} from '../api.js';
import {title, status, problem, markFields, field, select, toast} from '../ui.js';

function when(session) {
  // the programme's times are the event's local times (Africa/Casablanca), shown as such
  const day = new Intl.DateTimeFormat(document.documentElement.lang === 'ar' ? 'ar-MA' : 'fr-MA',
    {dateStyle: 'full', numberingSystem: 'latn', timeZone: 'UTC'}).format(new Date(`${session.start}Z`));
  return `${day} · ${session.start.substring(11, 16)}–${session.end.substring(11, 16)}`;
}

export async function list(main, params, query, context) {
  const programme = await api(`/api/events/${encodeURIComponent(context.event)}/programme`);
  const organizer = context.user.role === 'organizer';
  show(main, title(t('console.programme.title')),
    h('p', {class: 'muted'}, pick(programme.name)),
    h('div', {class: 'table-wrap'}, h('table', {id: 'sessions'},
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, t('console.programme.when')),
        h('th', {scope: 'col'}, t('console.programme.session')),
        h('th', {scope: 'col'}, t('console.programme.kind')),
        h('th', {scope: 'col'}, t('console.programme.room')),
        h('th', {scope: 'col'}, t('console.programme.status')))),
      h('tbody', {}, (programme.sessions || []).map(s => h('tr', {dataset: {id: s.id}},
        h('td', {}, when(s)),
        h('td', {}, organizer ? h('a', {href: `#/programme/${encodeURIComponent(s.id)}`}, pick(s.title)) : pick(s.title)),
        h('td', {}, pick(s.kindLabel)),
        h('td', {}, pick(s.room)),
        h('td', {}, status(s.status, s.statusLabel, s.status === 'CANCELLED' ? 'bad' : 'good'))))))));
}

export async function edit(main, params, query, context) {
  const base = `/api/events/${encodeURIComponent(context.event)}/sessions/${encodeURIComponent(params.id)}`;
  const [session, audience] = await Promise.all([api(base), api(`${base}/audience`)]);
  const input = (name, value, attributes) => h('input', Object.assign({name, value, 'data-field': name}, attributes || {}));
  const titleFr = input('title.fr', session.title.fr, {lang: 'fr', dir: 'ltr', required: true});
  const titleAr = input('title.ar', session.title.ar, {lang: 'ar', dir: 'rtl', required: true});
  const start = input('start', session.start.substring(0, 16), {type: 'datetime-local', required: true});
  const end = input('end', session.end.substring(0, 16), {type: 'datetime-local', required: true});
  const roomFr = input('room.fr', session.room?.fr || '', {lang: 'fr', dir: 'ltr'});
  const roomAr = input('room.ar', session.room?.ar || '', {lang: 'ar', dir: 'rtl'});
  const state = select('status', codes('sessionStatus'), session.status);
  state.setAttribute('data-field', 'status');
  const result = h('div', {id: 'save-result', 'aria-live': 'polite'});
  const reach = h('p', {class: 'notice', id: 'audience'}, session.kind === 'PLENARY'
    ? t('console.programme.audience.plenary', audience.people, audience.withMobile)
    : t('console.programme.audience.workshop', audience.people, audience.withMobile));
  const form = h('form', {id: 'session-form'},
    reach,
    h('p', {class: 'muted'}, t('console.programme.quietWindow')),
    h('div', {class: 'two'},
      field('session-title-fr', t('console.programme.titleFr'), titleFr),
      field('session-title-ar', t('console.programme.titleAr'), titleAr),
      field('session-start', t('console.programme.start'), start, t('console.programme.localTime')),
      field('session-end', t('console.programme.end'), end),
      field('session-room-fr', t('console.programme.roomFr'), roomFr),
      field('session-room-ar', t('console.programme.roomAr'), roomAr),
      field('session-status', t('console.programme.status'), state)),
    h('button', {type: 'submit', id: 'session-save'}, t('console.programme.save')),
    result);
  let etag = session.etag;
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = {title: {fr: titleFr.value, ar: titleAr.value}, start: start.value, end: end.value,
      room: {fr: roomFr.value, ar: roomAr.value}, status: state.value};
    try {
      const saved = await api(base, {method: 'PUT', json: body, headers: {'If-Match': etag}});
      etag = saved.etag;
      markFields(form, null);
      show(result, h('p', {class: 'notice', role: 'status', id: 'saved'},
        t('console.programme.saved', saved.version, audience.people)));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        show(result, h('div', {class: 'alert', role: 'alert', id: 'stale'}, t('console.programme.stale'), ' ',
          h('a', {href: location.hash, onclick: ev => { ev.preventDefault(); edit(main, params, query, context); }},
            t('console.programme.reload'))));
        return;
      }
      show(result, markFields(form, error));
    }
  });
  show(main,
    h('p', {}, h('a', {href: '#/programme'}, arrow('back'), ' ', t('console.programme.back'))),
    title(pick(session.title)),
    h('p', {class: 'muted'}, pick(session.kindLabel), ' · ', t('console.programme.version', session.version)),
    form);
}

export async function invitationCodes(main, params, query, context) {
  const base = `/api/events/${encodeURIComponent(context.event)}/invitation-codes`;
  const list = await api(base);
  const delegation = h('input', {name: 'delegation', 'data-field': 'delegation', required: true});
  const category = select('category', codes('category'), '', t('console.codes.chooseCategory'));
  category.setAttribute('data-field', 'category');
  const region = select('region', codes('region'), '', t('console.codes.anyRegion'));
  region.setAttribute('data-field', 'region');
  const maxUses = h('input', {name: 'maxUses', type: 'number', min: 1, value: 10, 'data-field': 'maxUses'});
  const expires = h('input', {name: 'expiresAt', type: 'date', 'data-field': 'expiresAt'});
  const result = h('div', {'aria-live': 'polite'});
  const form = h('form', {id: 'code-form'},
    h('div', {class: 'two'},
      field('code-delegation', t('console.codes.delegation'), delegation, t('console.codes.delegationHint')),
      field('code-category', t('console.codes.category'), category),
      field('code-region', t('console.codes.region'), region),
      field('code-max', t('console.codes.maxUses'), maxUses),
      field('code-expires', t('console.codes.expires'), expires, t('console.codes.expiresHint'))),
    h('button', {type: 'submit', id: 'code-create'}, t('console.codes.create')), result);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = {delegation: delegation.value, category: category.value, maxUses: maxUses.value};
    if (region.value) body.region = region.value;
    if (expires.value) body.expiresAt = casablancaIso(`${expires.value}T23:59:59`);
    try {
      const created = await api(base, {method: 'POST', json: body});
      toast(t('console.codes.created', created.code));
      await invitationCodes(main, params, query, context);
    } catch (error) {
      show(result, markFields(form, error));
    }
  });
  show(main, title(t('console.codes.title')), h('p', {}, t('console.codes.intro')), form,
    h('h2', {}, t('console.codes.existing')),
    (list || []).length === 0 ? h('p', {}, t('console.codes.none')) : h('div', {class: 'table-wrap'},
      h('table', {id: 'codes'},
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, t('console.codes.code')),
          h('th', {scope: 'col'}, t('console.codes.delegation')),
          h('th', {scope: 'col'}, t('console.codes.category')),
          h('th', {scope: 'col'}, t('console.codes.region')),
          h('th', {scope: 'col', class: 'number'}, t('console.codes.uses')),
          h('th', {scope: 'col'}, t('console.codes.expires')))),
        h('tbody', {}, list.map(c => h('tr', {dataset: {code: c.code}},
          h('td', {}, h('code', {class: 'ltr'}, c.code)),
          h('td', {}, bdi(c.delegation)),
          h('td', {}, pick(c.categoryLabel)),
          h('td', {}, c.region ? label('region', c.region) : t('console.codes.anyRegion')),
          h('td', {class: 'number'}, t('console.codes.usesOf', c.uses, c.maxUses)),
          h('td', {}, dateTime(c.expiresAt))))))));
}
