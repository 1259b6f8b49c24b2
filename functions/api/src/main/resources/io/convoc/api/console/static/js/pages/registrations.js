// Organizers' invitees: the list with its filters, one person's page (letter, notices and their history), and the
// CSV import with its report row by row. The protocol role reads the same list without contact data (the API
// leaves it out).
import {h, show, bdi, arrow} from '../dom.js';
import {t, label, number, dateTime, pick, codes} from '../i18n.js';
import {api} from '../api.js';
import {title, status, problem, markFields, field, toast, workshopsOf, inviteeFilters} from '../ui.js';



function personName(r) {
  const latin = [r.civility ? label('civility', r.civility) : null, r.firstName, r.lastName].filter(Boolean).join(' ');
  return h('span', {}, bdi(latin.trim() || r.arabicName), r.arabicName && latin.trim()
    ? [h('br'), bdi(r.arabicName, {lang: 'ar', dir: 'rtl'})] : null);
}

/** The person's notices, one badge per channel and language, the latest first. */
function noticeBadges(notices) {
  if (!notices || notices.length === 0) return h('span', {class: 'muted'}, t('console.registrations.noNotice'));
  return h('span', {class: 'checks'}, notices.map(n => h('span', {},
    h('span', {class: 'muted'}, `${label('channel', n.channel)}${n.language ? ' ' + n.language.toUpperCase() : ''} `),
    status(n.status, n.statusLabel))));
}

export async function list(main, params, query, context) {
  const event = query.get('eventId') || context.event;
  const workshops = await workshopsOf(event);
  const {form, filters} = inviteeFilters('/registrations', query, workshops, t('console.registrations.filters'));
  const cursor = query.get('cursor');
  const search = new URLSearchParams({eventId: event, include: 'notices', limit: '50'});
  Object.entries(filters).forEach(([k, v]) => v && search.set(k, v));
  if (cursor) search.set('cursor', cursor);
  let page;
  try {
    page = await api(`/api/registrations?${search}`);
  } catch (error) {
    show(main, title(t('console.registrations.title')), form, problem(error));
    return;
  }
  const contact = context.user.role === 'organizer';
  const rows = (page.items || []).map(r => h('tr', {dataset: {id: r.id}},
    h('td', {}, h('a', {href: `#/registrations/${encodeURIComponent(r.id)}`}, personName(r))),
    h('td', {}, bdi(r.organisation)),
    h('td', {}, pick(r.categoryLabel)),
    h('td', {}, r.region ? label('region', r.region) : ''),
    contact ? h('td', {class: 'contact'}, bdi(r.email, {class: 'ltr'})) : null,
    h('td', {}, status(r.status, r.statusLabel), r.letter ? h('div', {class: 'muted'},
      t('console.registrations.letterVersion', r.letter.version)) : null),
    h('td', {}, noticeBadges(r.notifications))));
  const next = page.nextCursor ? (() => {
    const q = new URLSearchParams(query);
    q.set('cursor', page.nextCursor);
    return h('a', {class: 'button secondary', href: `#/registrations?${q}`}, t('console.next'), ' ', arrow('forward'));
  })() : null;
  show(main, title(t('console.registrations.title')), form,
    rows.length === 0 ? h('p', {}, t('console.registrations.none')) : h('div', {class: 'table-wrap'},
      h('table', {id: 'registrations'},
        h('caption', {class: 'muted'}, t('console.registrations.count', rows.length)),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, t('console.registrations.name')),
          h('th', {scope: 'col'}, t('console.registrations.organisation')),
          h('th', {scope: 'col'}, t('console.registrations.category')),
          h('th', {scope: 'col'}, t('console.registrations.region')),
          contact ? h('th', {scope: 'col'}, t('console.registrations.email')) : null,
          h('th', {scope: 'col'}, t('console.registrations.letter')),
          h('th', {scope: 'col'}, t('console.registrations.notices')))),
        h('tbody', {}, rows))),
    h('div', {class: 'pager'}, cursor ? h('a', {class: 'button secondary', href: '#/registrations'},
      arrow('back'), ' ', t('console.first')) : null, next));
}

const RESENDABLE = new Set(['FAILED', 'UNKNOWN']);

/**
 * "Send again", for a notice that failed or whose fate is unknown: a person decides (an UNKNOWN one may have
 * reached the invitee already, the confirmation step says so); the page then shows it queued.
 */
function resendButton(registration, notice) {
  const box = h('div', {class: 'resend'});
  const ask = h('button', {type: 'button', class: 'secondary', dataset: {resend: notice.id}}, t('console.notices.resend'));
  ask.addEventListener('click', () => {
    show(box, h('p', {}, t(notice.status === 'UNKNOWN' ? 'console.notices.resendUnknown' : 'console.notices.resendFailed')),
      h('button', {type: 'button', dataset: {confirmResend: notice.id}, onclick: async () => {
        try {
          await api(`/api/registrations/${encodeURIComponent(registration.id)}/resend`,
            {method: 'POST', json: {notice: notice.id}});
          toast(t('console.notices.resent'));
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (error) {
          show(box, problem(error));
        }
      }}, t('console.notices.resendConfirm')), ' ',
      h('button', {type: 'button', class: 'secondary', onclick: () => show(box, ask)}, t('console.notices.keep')));
  });
  return show(box, ask);
}

export async function one(main, params, query, context) {
  const [r, workshops] = await Promise.all([api(`/api/registrations/${encodeURIComponent(params.id)}`),
    workshopsOf(context.event)]);
  const workshopTitle = id => (workshops.find(([code]) => code === id) || [id, id])[1];
  const contact = context.user.role === 'organizer';
  const facts = h('dl', {class: 'facts'},
    h('dt', {}, t('console.registrations.status')), h('dd', {}, status(r.status, r.statusLabel),
      r.statusReason ? h('span', {class: 'muted'}, ' ', r.statusReason) : null),
    h('dt', {}, t('console.registrations.titleFr')), h('dd', {}, bdi(r.titleFr)),
    h('dt', {}, t('console.registrations.titleAr')), h('dd', {}, bdi(r.titleAr, {lang: 'ar', dir: 'rtl'})),
    h('dt', {}, t('console.registrations.organisation')), h('dd', {}, bdi(r.organisation)),
    h('dt', {}, t('console.registrations.category')), h('dd', {}, pick(r.categoryLabel)),
    h('dt', {}, t('console.registrations.region')), h('dd', {}, r.region ? label('region', r.region) : '—'),
    contact ? [h('dt', {}, t('console.registrations.email')), h('dd', {class: 'contact'}, bdi(r.email, {class: 'ltr'})),
      h('dt', {}, t('console.registrations.mobile')), h('dd', {class: 'contact'}, bdi(r.mobile || '—', {class: 'ltr'}))] : null,
    h('dt', {}, t('console.registrations.languages')), h('dd', {}, label('languagePreference', {fr: 'FR', ar: 'AR', both: 'BOTH', 'ar+fr': 'BOTH_AR_FIRST'}[r.languages])),
    h('dt', {}, t('console.registrations.workshop')), h('dd', {}, (r.workshops || []).length
      ? h('ul', {}, r.workshops.map(w => h('li', {}, workshopTitle(w)))) : '—'),
    h('dt', {}, t('console.registrations.letter')), h('dd', {}, r.letter
      ? [t('console.registrations.letterLine', r.letter.version, r.letter.reference, dateTime(r.letter.generatedAt)), ' ',
        h('a', {href: `#/letters/${encodeURIComponent(r.id)}`, id: 'open-letter'}, t('console.registrations.openLetter'))]
      : t('console.registrations.noLetter')));
  const notifications = r.notifications || [];
  const notices = notifications.length === 0 ? h('p', {}, t('console.registrations.noNotice'))
    : h('div', {class: 'table-wrap'}, h('table', {id: 'notices'},
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col'}, t('console.notices.kind')),
        h('th', {scope: 'col'}, t('console.notices.channel')),
        h('th', {scope: 'col'}, t('console.notices.status')),
        h('th', {scope: 'col', class: 'number'}, t('console.notices.attempts')),
        h('th', {scope: 'col'}, t('console.notices.updated')))),
      h('tbody', {}, notifications.map(n => h('tr', {dataset: {id: n.id}},
        h('td', {}, t(`console.kind.${n.kind}`)),
        h('td', {}, label('channel', n.channel), n.language ? ` (${n.language.toUpperCase()})` : ''),
        h('td', {}, status(n.status, n.statusLabel), n.statusReason ? h('div', {class: 'muted'}, n.statusReason) : null,
          n.lastError ? h('div', {class: 'muted'}, t('console.notices.lastError', n.lastError)) : null,
          contact && RESENDABLE.has(n.status) ? resendButton(r, n) : null),
        h('td', {class: 'number'}, number(n.attempts)),
        h('td', {}, dateTime(n.updatedAt)))))));
  show(main,
    h('p', {}, h('a', {href: '#/registrations'}, arrow('back'), ' ', t('console.registrations.back'))),
    title([r.firstName, r.lastName].filter(Boolean).join(' ') || r.arabicName),
    r.arabicName ? h('p', {}, bdi(r.arabicName, {lang: 'ar', dir: 'rtl'})) : null,
    facts,
    h('h2', {}, t('console.registrations.notices')), notices);
}

export async function importPage(main, params, query, context) {
  const input = h('input', {type: 'file', accept: '.csv,text/csv', required: true, 'data-field': 'body'});
  const result = h('div', {id: 'import-result', 'aria-live': 'polite'});
  const form = h('form', {},
    field('import-file', t('console.import.file'), input, t('console.import.hint')),
    h('button', {type: 'submit', id: 'import-submit'}, t('console.import.submit')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const file = input.files[0];
    if (!file) return;
    show(result, h('p', {class: 'loading', role: 'status'}, t('console.import.sending')));
    try {
      const report = await api(`/api/registrations/import?eventId=${encodeURIComponent(context.event)}`,
        {method: 'POST', type: 'text/csv', body: await file.text()});
      show(result, importReport(report));
    } catch (error) {
      show(result, markFields(form, error));
    }
  });
  show(main, title(t('console.import.title')), h('p', {}, t('console.import.intro')), form, result);
}

function importReport(report) {
  const results = report.results || [];
  const bad = results.filter(r => r.outcome === 'REJECTED');
  return h('section', {'aria-labelledby': 'report-title'},
    h('h2', {id: 'report-title'}, t('console.import.report')),
    h('p', {class: bad.length ? 'alert' : 'notice', id: 'import-summary'},
      t('console.import.summary', report.rows, report.created, report.alreadyRegistered, report.rejected)),
    h('div', {class: 'table-wrap'}, h('table', {id: 'import-rows'},
      h('thead', {}, h('tr', {},
        h('th', {scope: 'col', class: 'number'}, t('console.import.row')),
        h('th', {scope: 'col'}, t('console.import.outcome')),
        h('th', {scope: 'col'}, t('console.registrations.email')),
        h('th', {scope: 'col'}, t('console.import.errors')))),
      h('tbody', {}, results.map(r => h('tr', {class: r.outcome === 'REJECTED' ? 'bad' : null,
          dataset: {row: r.row, outcome: r.outcome}},
        h('td', {class: 'number'}, number(r.row)),
        h('td', {}, t(`console.import.outcome.${r.outcome}`)),
        h('td', {}, bdi(r.email || '', {class: 'ltr'})),
        h('td', {}, (r.errors || []).length ? h('ul', {}, r.errors.map(e => h('li', {dataset: {field: e.field}},
          h('code', {}, e.field), ' ', e.message))) : r.registrationId
          ? h('a', {href: `#/registrations/${encodeURIComponent(r.registrationId)}`}, t('console.import.open')) : '')))))));
}
