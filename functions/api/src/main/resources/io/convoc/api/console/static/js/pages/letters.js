// The protocol office's letters (protocol and organizer roles): the letters in protocol order with their filters,
// a selection exported to one print-ready PDF, one letter opened or downloaded (every link given is audited by the
// API) with its downloads, and the organizers' audit of what one person downloaded. No contact data anywhere: the
// letters API has none, and a person's page shows only names, titles, organisation and category.
import {h, show, bdi, arrow} from '../dom.js';
import {t, label, number, dateTime, pick, codes, lang} from '../i18n.js';
import {api} from '../api.js';
import {title, status, problem, field, select, workshopsOf, inviteeFilters} from '../ui.js';

const PAGE = 50;
const POLL_MS = 2000;

/** The letters chosen for an export, kept while the person pages through the list: id → name. */
const selection = new Map();


function latinName(l) {
  return [pick(l.civility), l.firstName, l.lastName].filter(Boolean).join(' ').trim();
}

function displayName(l) {
  return latinName(l) || l.arabicName || '';
}

/** The name in the page's script first (with its civility), the other one under it. */
function personName(l) {
  const latin = latinName(l);
  if (lang() === 'ar' && l.arabicName) {
    const arabic = [pick(l.civility), l.arabicName].filter(Boolean).join(' ');
    return h('span', {}, bdi(arabic, {lang: 'ar', dir: 'rtl'}), latin
      ? [h('br'), bdi([l.firstName, l.lastName].filter(Boolean).join(' '), {lang: 'fr', dir: 'ltr', class: 'muted'})]
      : null);
  }
  return h('span', {}, bdi(latin || l.arabicName), l.arabicName && latin
    ? [h('br'), bdi(l.arabicName, {lang: 'ar', dir: 'rtl'})] : null);
}

function who(by) {
  return by?.userName || by?.subject || t('console.letters.downloads.unknownUser');
}

/** Who downloaded: for an organizer a link to that person's audit. */
function whoCell(by, context) {
  const name = bdi(who(by));
  return context.user.role === 'organizer' && by?.subject
    ? h('a', {href: `#/letters/downloads?user=${encodeURIComponent(by.subject)}`}, name) : name;
}

function lastDownload(d) {
  if (!d) return h('span', {class: 'muted'}, t('console.letters.never'));
  return h('span', {}, t('console.letters.lastDownloadLine', dateTime(d.at), who(d.by)),
    h('div', {class: 'muted'}, `${t(`console.letters.kind.${d.kind}`)} · ${t('console.letters.version')} ${number(d.version)}`));
}

// ---------------------------------------------------------------------------------------------------------------
// Exports: ask, then read its state every 2 s until it is READY (its five-minute link) or FAILED.

async function requestExport(box, body) {
  show(box, h('p', {class: 'loading', role: 'status'}, t('console.loading')));
  let exported;
  try {
    exported = await api('/api/letters/exports', {method: 'POST', json: body});
  } catch (error) {
    show(box, problem(error));
    return;
  }
  await followExport(box, exported);
}

async function followExport(box, exported) {
  let current = exported;
  for (;;) {
    show(box, exportState(box, current));
    if (current.state === 'READY' || current.state === 'FAILED' || !box.isConnected) return;
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
    if (!box.isConnected) return;
    try {
      current = await api(`/api/letters/exports/${encodeURIComponent(current.id)}`);
    } catch (error) {
      show(box, problem(error));
      return;
    }
  }
}

function exportState(box, e) {
  const finished = e.state === 'READY' || e.state === 'FAILED';
  const parts = [h('p', {id: 'export-state', dataset: {state: e.state}},
    t('console.letters.export.state', ''), h('span', {class: `status ${e.state === 'READY' ? 'good'
      : e.state === 'FAILED' ? 'bad' : 'wait'}`, dataset: {status: e.state}}, pick(e.stateLabel) || e.state))];
  if (!finished) parts.push(h('p', {class: 'muted'}, t('console.letters.export.waiting')));
  if (e.state === 'READY') {
    parts.push(h('p', {}, t('console.letters.export.done', e.letters || 0, e.pages || 0)));
    if (e.skipped) parts.push(h('p', {class: 'muted'}, t('console.letters.export.skipped', e.skipped)));
    if (e.link) {
      const expires = Date.parse(e.linkExpires);
      parts.push(h('p', {}, h('a', {class: 'button', id: 'export-link', href: e.link, rel: 'noopener noreferrer',
        onclick: async event => {
          // a link a few minutes old has expired: ask for a fresh one (the same export, not a new audit entry)
          if (!(Date.now() > expires - 10000)) return;
          event.preventDefault();
          try {
            const fresh = await api(`/api/letters/exports/${encodeURIComponent(e.id)}`);
            show(box, exportState(box, fresh));
            if (fresh.link) location.assign(fresh.link);
          } catch (error) {
            show(box, problem(error));
          }
        }}, t('console.letters.export.download'))),
      h('p', {class: 'muted'}, t('console.letters.export.expires', dateTime(e.linkExpires))));
    } else {
      parts.push(h('p', {class: 'muted'}, t('console.letters.export.noLink')));
    }
  }
  if (e.state === 'FAILED') {
    parts.push(h('div', {class: 'alert', role: 'alert'}, t('console.letters.export.failed', e.reason || '—')));
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------
// #/letters

export async function list(main, params, query, context) {
  const event = query.get('eventId') || context.event;
  const workshops = await workshopsOf(event);
  const {form, filters} = inviteeFilters('/letters', query, workshops, t('console.letters.filters'));
  const cursor = query.get('cursor');
  const from = Math.max(0, Number(query.get('from')) || 0);
  const search = new URLSearchParams({eventId: event, limit: String(PAGE)});
  Object.entries(filters).forEach(([k, v]) => v && search.set(k, v));
  if (cursor) search.set('cursor', cursor);
  const heading = [title(t('console.letters.title')), h('p', {class: 'muted'}, t('console.letters.intro'))];
  let page;
  try {
    page = await api(`/api/letters?${search}`);
  } catch (error) {
    show(main, heading, form, problem(error));
    return;
  }
  const items = page.items || [];

  const exportBox = h('div', {id: 'export', 'aria-live': 'polite'});
  const count = h('span', {id: 'selected-count', role: 'status'});
  const exportButton = h('button', {type: 'button', id: 'export-selection', onclick: () => {
    if (selection.size === 0) {
      show(exportBox, h('div', {class: 'alert', role: 'alert'}, t('console.letters.exportNone')));
      return;
    }
    requestExport(exportBox, {eventId: event, registrationIds: [...selection.keys()]});
  }}, t('console.letters.exportSelection'));
  const clearButton = h('button', {type: 'button', class: 'secondary', id: 'clear-selection', onclick: () => {
    selection.clear();
    main.querySelectorAll('input.pick').forEach(box => { box.checked = false; });
    refresh();
  }}, t('console.letters.clear'));
  const boxes = [];
  const all = h('input', {type: 'checkbox', id: 'select-all', 'aria-label': t('console.letters.selectAll'),
    onchange: () => {
      for (const box of boxes) {
        if (box.disabled) continue;
        box.checked = all.checked;
        if (all.checked) selection.set(box.value, box.dataset.name);
        else selection.delete(box.value);
      }
      refresh();
    }});
  function refresh() {
    show(count, t('console.letters.selected', selection.size));
    exportButton.disabled = selection.size === 0;
    clearButton.disabled = selection.size === 0;
    const ready = boxes.filter(b => !b.disabled);
    all.checked = ready.length > 0 && ready.every(b => b.checked);
  }

  const rows = items.map((l, i) => {
    const ready = l.status === 'LETTER_READY';
    const box = h('input', {type: 'checkbox', class: 'pick', value: l.registrationId, disabled: !ready,
      checked: selection.has(l.registrationId), dataset: {name: displayName(l)},
      'aria-label': t('console.letters.selectOne', displayName(l)),
      onchange: () => {
        if (box.checked) selection.set(l.registrationId, displayName(l));
        else selection.delete(l.registrationId);
        refresh();
      }});
    boxes.push(box);
    return h('tr', {dataset: {id: l.registrationId, status: l.status}},
      h('td', {class: 'select'}, box),
      h('td', {class: 'number'}, number(from + i + 1)),
      h('td', {}, h('a', {href: `#/letters/${encodeURIComponent(l.registrationId)}`}, personName(l))),
      h('td', {}, bdi(pick({fr: l.titleFr, ar: l.titleAr}))),
      h('td', {}, pick(l.categoryLabel), l.regionLabel ? h('div', {class: 'muted'}, pick(l.regionLabel)) : null),
      h('td', {class: 'reference'}, l.reference ? bdi(l.reference, {class: 'ltr'}) : '—'),
      h('td', {class: 'number'}, l.version ? number(l.version) : '—'),
      h('td', {}, status(l.status, l.statusLabel)),
      h('td', {}, lastDownload(l.lastDownload)));
  });
  refresh();

  const next = page.nextCursor ? (() => {
    const q = new URLSearchParams(query);
    q.set('cursor', page.nextCursor);
    q.set('from', String(from + items.length));
    return h('a', {class: 'button secondary', id: 'next-page', href: `#/letters?${q}`},
      t('console.next'), ' ', arrow('forward'));
  })() : null;
  const first = cursor ? (() => {
    const q = new URLSearchParams(query);
    q.delete('cursor');
    q.delete('from');
    return h('a', {class: 'button secondary', href: `#/letters${q.toString() ? '?' + q : ''}`},
      arrow('back'), ' ', t('console.first'));
  })() : null;

  const exportFiltered = h('button', {type: 'button', class: 'secondary', id: 'export-filtered', onclick: () =>
    requestExport(exportBox, Object.fromEntries(Object.entries({eventId: event, ...filters}).filter(([, v]) => v)))},
  t('console.letters.exportFiltered'));

  show(main, heading, form,
    items.length === 0 ? h('p', {}, t('console.letters.none')) : [
      h('div', {class: 'toolbar letters-selection'}, count, exportButton, clearButton, exportFiltered),
      h('p', {class: 'hint muted'}, t('console.letters.exportHint')),
      exportBox,
      h('div', {class: 'table-wrap'}, h('table', {id: 'letters'},
        h('caption', {class: 'muted'}, t('console.letters.count', items.length)),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col', class: 'select'}, all),
          h('th', {scope: 'col', class: 'number'}, t('console.letters.rank')),
          h('th', {scope: 'col'}, t('console.letters.name')),
          h('th', {scope: 'col'}, t('console.letters.function')),
          h('th', {scope: 'col'}, t('console.letters.category')),
          h('th', {scope: 'col'}, t('console.letters.reference')),
          h('th', {scope: 'col', class: 'number'}, t('console.letters.version')),
          h('th', {scope: 'col'}, t('console.letters.status')),
          h('th', {scope: 'col'}, t('console.letters.lastDownload')))),
        h('tbody', {}, rows)))],
    h('div', {class: 'pager'}, first, next));
}

// ---------------------------------------------------------------------------------------------------------------
// #/letters/:id

function auditTable(entries, context, withLetter) {
  return h('div', {class: 'table-wrap'}, h('table', {id: 'downloads'},
    h('thead', {}, h('tr', {},
      h('th', {scope: 'col'}, t('console.letters.audit.at')),
      withLetter ? h('th', {scope: 'col'}, t('console.letters.audit.letter')) : null,
      h('th', {scope: 'col'}, t('console.letters.audit.by')),
      h('th', {scope: 'col'}, t('console.letters.audit.role')),
      h('th', {scope: 'col'}, t('console.letters.audit.kind')),
      h('th', {scope: 'col', class: 'number'}, t('console.letters.audit.version')),
      h('th', {scope: 'col'}, t('console.letters.audit.source')))),
    h('tbody', {}, entries.map(d => h('tr', {dataset: {id: d.id, kind: d.kind}},
      h('td', {}, dateTime(d.at)),
      withLetter ? h('td', {class: 'reference'}, h('a', {href: `#/letters/${encodeURIComponent(d.registrationId)}`},
        bdi(d.reference, {class: 'ltr'}))) : null,
      h('td', {class: 'by'}, whoCell(d.by, context)),
      h('td', {}, d.by?.role ? label('console.role', d.by.role) : '—'),
      h('td', {}, t(`console.letters.kind.${d.kind}`)),
      h('td', {class: 'number'}, number(d.version)),
      h('td', {}, d.sourceIp ? bdi(d.sourceIp, {class: 'ltr'}) : '—'))))));
}

/** A page of audit entries from `path` into `box`, with a link to the older ones. */
async function loadAudit(box, path, context, empty, withLetter, cursor) {
  const q = new URLSearchParams({limit: String(PAGE)});
  if (cursor) q.set('cursor', cursor);
  let page;
  try {
    page = await api(`${path}?${q}`);
  } catch (error) {
    show(box, problem(error));
    return;
  }
  const items = page.items || [];
  show(box, items.length === 0 ? h('p', {id: 'no-downloads'}, empty) : auditTable(items, context, withLetter),
    h('div', {class: 'pager'},
      cursor ? h('button', {type: 'button', class: 'secondary', onclick: () =>
        loadAudit(box, path, context, empty, withLetter)}, arrow('back'), ' ', t('console.first')) : null,
      page.nextCursor ? h('button', {type: 'button', class: 'secondary', onclick: () =>
        loadAudit(box, path, context, empty, withLetter, page.nextCursor)},
      t('console.letters.audit.older'), ' ', arrow('forward')) : null));
}

export async function one(main, params, query, context) {
  const id = params.id;
  const r = await api(`/api/registrations/${encodeURIComponent(id)}`);
  const letter = r.letter;
  const latin = [r.civility ? label('civility', r.civility) : null, r.firstName, r.lastName].filter(Boolean).join(' ');
  const arabicFirst = lang() === 'ar' && Boolean(r.arabicName);
  const facts = h('dl', {class: 'facts'},
    h('dt', {}, t('console.letters.person')), h('dd', {}, bdi(latin || r.arabicName)),
    r.arabicName ? [h('dt', {}, t('console.letters.arabicName')),
      h('dd', {}, bdi(r.arabicName, {lang: 'ar', dir: 'rtl'}))] : null,
    h('dt', {}, t('console.letters.titleFr')), h('dd', {}, bdi(r.titleFr || '—')),
    h('dt', {}, t('console.letters.titleAr')), h('dd', {}, bdi(r.titleAr || '—', {lang: 'ar', dir: 'rtl'})),
    h('dt', {}, t('console.letters.organisation')), h('dd', {}, bdi(r.organisation || '—')),
    h('dt', {}, t('console.letters.category')), h('dd', {}, pick(r.categoryLabel)),
    h('dt', {}, t('console.letters.region')), h('dd', {}, r.region ? label('region', r.region) : '—'),
    h('dt', {}, t('console.letters.reference')), h('dd', {id: 'letter-reference'},
      letter?.reference ? bdi(letter.reference, {class: 'ltr'}) : '—'),
    h('dt', {}, t('console.letters.version')), h('dd', {id: 'letter-version'}, letter ? number(letter.version) : '—'),
    h('dt', {}, t('console.letters.generatedAt')), h('dd', {}, letter?.generatedAt ? dateTime(letter.generatedAt) : '—'),
    h('dt', {}, t('console.letters.status')), h('dd', {}, status(r.status, r.statusLabel),
      r.statusReason ? h('span', {class: 'muted'}, ' ', r.statusReason) : null));

  const audit = h('div', {id: 'letter-audit', 'aria-live': 'polite'});
  const reloadAudit = () => loadAudit(audit, `/api/letters/${encodeURIComponent(id)}/downloads`, context,
    t('console.letters.audit.none'), false);
  const result = h('div', {id: 'letter-result', 'aria-live': 'polite'});

  // the API records the link it gives (who, when, version) before answering: one audit entry per click
  async function link(inline) {
    const q = new URLSearchParams({as: 'link'});
    if (inline) q.set('disposition', 'inline');
    show(result, h('p', {class: 'loading', role: 'status'}, t('console.loading')));
    let given;
    try {
      given = await api(`/api/letters/${encodeURIComponent(id)}?${q}`);
    } catch (error) {
      show(result, problem(error));
      return;
    }
    const anchor = h('a', {href: given.url, id: 'letter-link', target: inline ? '_blank' : null,
      rel: 'noopener noreferrer'}, t('console.letters.linkText', given.reference, given.version));
    show(result, h('p', {class: 'notice'}, t(inline ? 'console.letters.opened' : 'console.letters.downloaded',
      dateTime(given.expiresAt)), ' ', anchor));
    if (inline) {
      window.open(given.url, '_blank', 'noopener');
    } else {
      // a link to a file the S3 answer names as an attachment: saved, the console stays where it is
      const save = h('a', {href: given.url, hidden: true});
      document.body.append(save);
      save.click();
      save.remove();
    }
    await reloadAudit();
  }

  const ready = r.status === 'LETTER_READY' || Boolean(letter);
  const actions = ready ? h('div', {class: 'toolbar'},
    h('button', {type: 'button', id: 'letter-open', onclick: () => link(true)}, t('console.letters.open')),
    h('button', {type: 'button', class: 'secondary', id: 'letter-download', onclick: () => link(false)},
      t('console.letters.download')))
    : h('p', {class: 'muted'}, t('console.letters.noLetter'));

  show(main,
    h('p', {}, h('a', {href: '#/letters'}, arrow('back'), ' ', t('console.letters.back'))),
    arabicFirst ? title(r.arabicName) : title(latin || r.arabicName),
    arabicFirst && latin ? h('p', {lang: 'fr', dir: 'ltr'}, latin) : null,
    !arabicFirst && r.arabicName && latin ? h('p', {lang: 'ar', dir: 'rtl'}, r.arabicName) : null,
    facts, actions, result,
    h('h2', {}, t('console.letters.audit')), audit);
  await reloadAudit();
}

// ---------------------------------------------------------------------------------------------------------------
// #/letters/downloads (organizers): what one person downloaded and exported

/** The people who downloaded a letter last, from the letters listing: [subject, "name · role"]. */
async function knownUsers(event) {
  const people = new Map();
  let cursor = null;
  for (let pages = 0; pages < 5; pages++) {
    const q = new URLSearchParams({eventId: event, limit: '100'});
    if (cursor) q.set('cursor', cursor);
    const page = await api(`/api/letters?${q}`);
    for (const l of page.items || []) {
      const by = l.lastDownload?.by;
      if (by?.subject && !people.has(by.subject)) {
        people.set(by.subject, `${who(by)}${by.role ? ' · ' + label('console.role', by.role) : ''}`);
      }
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return [...people.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}

export async function downloads(main, params, query, context) {
  const user = (query.get('user') || '').trim();
  let known = [];
  try {
    known = await knownUsers(query.get('eventId') || context.event);
  } catch (error) {
    console.warn('known users', error);
  }
  const subject = h('input', {type: 'text', name: 'subject', class: 'ltr', dir: 'ltr', autocomplete: 'off',
    value: user && !known.some(([s]) => s === user) ? user : ''});
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': t('console.letters.downloads.user')},
    field('downloads-user', t('console.letters.downloads.known'),
      select('user', known, user, t('console.letters.downloads.choose'))),
    field('downloads-subject', t('console.letters.downloads.subject'), subject),
    h('div', {class: 'field'}, h('button', {type: 'submit'}, t('console.letters.downloads.show'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(form);
    const chosen = String(data.get('subject') || '').trim() || String(data.get('user') || '');
    location.hash = `#/letters/downloads${chosen ? '?user=' + encodeURIComponent(chosen) : ''}`;
  });
  const box = h('div', {id: 'user-audit'});
  const named = known.find(([s]) => s === user)?.[1] || user;
  show(main, title(t('console.letters.downloads.title')), h('p', {class: 'muted'}, t('console.letters.downloads.intro')),
    form,
    user ? h('h2', {}, t('console.letters.downloads.of', ''), bdi(named)) : null,
    user ? box : h('p', {id: 'no-user'}, t('console.letters.downloads.pick')));
  if (!user) return;
  const q = new URLSearchParams({user});
  await loadUserAudit(box, q, context, null);
}

async function loadUserAudit(box, base, context, cursor) {
  const q = new URLSearchParams(base);
  q.set('limit', String(PAGE));
  if (cursor) q.set('cursor', cursor);
  let page;
  try {
    page = await api(`/api/letters/downloads?${q}`);
  } catch (error) {
    show(box, problem(error));
    return;
  }
  const items = page.items || [];
  show(box, items.length === 0 ? h('p', {id: 'no-downloads'}, t('console.letters.downloads.none'))
    : auditTable(items, context, true),
  h('div', {class: 'pager'},
    cursor ? h('button', {type: 'button', class: 'secondary', onclick: () => loadUserAudit(box, base, context)},
      arrow('back'), ' ', t('console.first')) : null,
    page.nextCursor ? h('button', {type: 'button', class: 'secondary', onclick: () =>
      loadUserAudit(box, base, context, page.nextCursor)}, t('console.letters.audit.older'), ' ', arrow('forward'))
      : null));
}
