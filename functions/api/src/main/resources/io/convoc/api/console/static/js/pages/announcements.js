// Organizers' mass announcements: the list with their states and counters, the composer (texts in French and
// Arabic, channels, audience), and one announcement's page: its progress (refreshed while it is being sent), the
// preview of what each language's e-mail and SMS will read, and the send, schedule and cancel actions.
import {h, show, bdi, arrow} from '../dom.js';
import {t, label, number, dateTime, pick, codes, casablancaIso, casablancaHour} from '../i18n.js';
import {api} from '../api.js';
import {title, status, problem, markFields, field, toast, workshopsOf} from '../ui.js';

const LIVE = new Set(['SCHEDULED', 'SENDING']);
const REFRESH_MS = 2000;
const LANGS = ['fr', 'ar'];


/** What names an announcement: its subject in the page's language, else its SMS text, else its number. */
function nameOf(a) {
  const subject = pick(a.subject);
  if (subject) return subject;
  const sms = pick(a.sms);
  if (sms) return sms.length > 60 ? `${sms.substring(0, 60)}…` : sms;
  return t('console.announcements.number', a.id);
}

function channelsOf(a) {
  return (a.channels || []).map(c => label('channel', c.toUpperCase())).join(t('console.announcements.listSeparator')) || '—';
}

const c = (a, name) => (a.counters || {})[name] || 0;

export async function list(main, params, query, context) {
  const event = query.get('eventId') || context.event;
  const cursor = query.get('cursor');
  const search = new URLSearchParams({eventId: event, limit: '20'});
  if (cursor) search.set('cursor', cursor);
  const heading = title(t('console.announcements.title'));
  const toolbar = h('div', {class: 'toolbar'},
    h('a', {class: 'button', href: '#/announcements/new', id: 'announcement-new'}, t('console.announcements.new')));
  let page;
  try {
    page = await api(`/api/announcements?${search}`);
  } catch (error) {
    show(main, heading, toolbar, problem(error));
    return;
  }
  const items = page.items || [];
  const rows = items.map(a => h('tr', {dataset: {id: a.id, state: a.state}},
    h('td', {}, h('a', {href: `#/announcements/${encodeURIComponent(a.id)}`}, bdi(nameOf(a)))),
    h('td', {}, status(a.state, a.stateLabel)),
    h('td', {}, channelsOf(a)),
    ['targeted', 'sent', 'delivered', 'failed', 'suppressed'].map(n =>
      h('td', {class: 'number', dataset: {counter: n}}, number(c(a, n)))),
    h('td', {}, a.scheduledFor ? dateTime(a.scheduledFor) : '—')));
  const next = page.nextCursor ? h('a', {class: 'button secondary',
    href: `#/announcements?${new URLSearchParams({cursor: page.nextCursor})}`}, t('console.next'), ' ', arrow('forward')) : null;
  show(main, heading, toolbar,
    items.length === 0 ? h('p', {id: 'announcements-none'}, t('console.announcements.none')) : h('div', {class: 'table-wrap'},
      h('table', {id: 'announcements'},
        h('caption', {class: 'muted'}, t('console.announcements.count', items.length)),
        h('thead', {}, h('tr', {},
          h('th', {scope: 'col'}, t('console.announcements.subject')),
          h('th', {scope: 'col'}, t('console.announcements.state')),
          h('th', {scope: 'col'}, t('console.announcements.channels')),
          ['targeted', 'sent', 'delivered', 'failed', 'suppressed'].map(n =>
            h('th', {scope: 'col', class: 'number'}, t(`console.announcements.counter.${n}`))),
          h('th', {scope: 'col'}, t('console.announcements.scheduledFor')))),
        h('tbody', {}, rows))),
    h('div', {class: 'pager'}, cursor ? h('a', {class: 'button secondary', href: '#/announcements'},
      arrow('back'), ' ', t('console.first')) : null, next));
}

/** A group of check boxes, its values sent as a list under the API's field name. */
function checks(id, legend, apiField, options) {
  return h('fieldset', {class: 'field', id, 'data-field': apiField},
    h('legend', {}, legend),
    options.length === 0 ? h('p', {class: 'muted'}, t('console.announcements.audience.noChoice')) : h('div', {class: 'checks'},
      options.map(([value, text]) => h('label', {}, h('input', {type: 'checkbox', value}), text))),
    h('p', {class: 'hint'}, t('console.announcements.audience.anyHint')));
}

function checked(group) {
  return [...group.querySelectorAll('input[type=checkbox]:checked')].map(i => i.value);
}

/** The text inputs of one language: Arabic ones written right to left. */
function textInput(tag, name, language, attributes) {
  const ar = language === 'ar';
  return h(tag, Object.assign({name: `${name}.${language}`, 'data-field': `${name}.${language}`,
    dir: ar ? 'rtl' : 'ltr', lang: language}, attributes || {}));
}

function pair(name, tag, attributes, hint) {
  return h('div', {class: 'two'}, LANGS.map(language =>
    field(`${name}-${language}`, t(`console.announcements.${name}.${language}`),
      textInput(tag, name, language, attributes), hint)));
}

/** A help text whose ((placeholders)) read as code, left to right even in an Arabic sentence. */
function withPlaceholders(text) {
  return text.split(/(\(\([^()]*\)\))/).map((part, i) => i % 2 ? h('code', {dir: 'ltr', class: 'placeholder'}, part) : part);
}

export async function compose(main, params, query, context) {
  const event = context.event;
  const workshops = await workshopsOf(event);
  const channel = h('fieldset', {class: 'field', id: 'channels', 'data-field': 'channels'},
    h('legend', {}, t('console.announcements.channels')),
    h('div', {class: 'checks'}, [['email', 'console.announcements.channel.email'], ['sms', 'console.announcements.channel.sms'],
      ['both', 'console.announcements.channel.both']].map(([value, key]) =>
      h('label', {}, h('input', {type: 'radio', name: 'channel', value, id: `channel-${value}`, checked: value === 'both'}),
        t(key)))));
  const email = h('section', {id: 'email-texts', 'aria-labelledby': 'email-texts-title'},
    h('h2', {id: 'email-texts-title'}, t('console.announcements.emailTexts')),
    pair('subject', 'input', {type: 'text', maxlength: 200}),
    pair('body', 'textarea', {rows: 8}));
  const sms = h('section', {id: 'sms-texts', 'aria-labelledby': 'sms-texts-title'},
    h('h2', {id: 'sms-texts-title'}, t('console.announcements.smsTexts')),
    pair('sms', 'textarea', {rows: 3}, t('console.announcements.sms.hint')));
  const groups = {
    categories: checks('audience-categories', t('console.announcements.audience.categories'), 'audience.categories',
      codes('category')),
    regions: checks('audience-regions', t('console.announcements.audience.regions'), 'audience.regions', codes('region')),
    workshops: checks('audience-workshops', t('console.announcements.audience.workshops'), 'audience.workshops', workshops),
    languages: checks('audience-languages', t('console.announcements.audience.languages'), 'audience.languages',
      LANGS.map(l => [l, label('language', l.toUpperCase())])),
    statuses: checks('audience-statuses', t('console.announcements.audience.statuses'), 'audience.statuses',
      codes('registrationStatus')),
  };
  const audience = h('fieldset', {class: 'field', id: 'audience', 'data-field': 'audience'},
    h('legend', {}, t('console.announcements.audience')),
    h('p', {class: 'hint'}, t('console.announcements.audience.hint')),
    Object.values(groups));
  const chosen = () => channel.querySelector('input:checked')?.value || 'both';
  const toggle = () => {
    email.hidden = chosen() === 'sms';
    sms.hidden = chosen() === 'email';
  };
  channel.addEventListener('change', toggle);
  const result = h('div', {id: 'compose-result', 'aria-live': 'polite'});
  const save = h('button', {type: 'submit', id: 'announcement-save'}, t('console.announcements.save'));
  const form = h('form', {id: 'announcement-form', novalidate: true},
    h('p', {class: 'notice', id: 'placeholders-help'}, withPlaceholders(t('console.announcements.placeholders'))),
    channel, email, sms, audience, result,
    h('div', {class: 'toolbar'}, save,
      h('a', {class: 'button secondary', href: '#/announcements'}, t('console.announcements.cancelCompose'))));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const value = name => form.querySelector(`[name="${name}"]`).value;
    const bilingual = name => ({fr: value(`${name}.fr`), ar: value(`${name}.ar`)});
    const way = chosen();
    const body = {eventId: event, channels: way === 'both' ? ['email', 'sms'] : [way],
      audience: Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, checked(g)]))};
    if (way !== 'sms') {
      body.subject = bilingual('subject');
      body.body = bilingual('body');
    }
    if (way !== 'email') body.sms = bilingual('sms');
    save.disabled = true;
    show(result, h('p', {class: 'loading', role: 'status'}, t('console.announcements.saving')));
    try {
      const created = await api('/api/announcements', {method: 'POST', json: body});
      toast(t('console.announcements.saved'));
      location.hash = `#/announcements/${encodeURIComponent(created.id)}`;
    } catch (error) {
      save.disabled = false;
      show(result, markFields(form, error));
      form.querySelector('[aria-invalid="true"]')?.focus();
    }
  });
  toggle();
  show(main,
    h('p', {}, h('a', {href: '#/announcements'}, arrow('back'), ' ', t('console.announcements.back'))),
    title(t('console.announcements.compose')), form);
}

function duration(seconds) {
  const s = Number(seconds) || 0;
  return s < 60 ? t('console.announcements.duration.seconds', s)
    : t('console.announcements.duration.minutes', Math.floor(s / 60), s % 60);
}

/**
 * The state, facts and counters: what moves while the announcement is being sent. The bar and the line under it stay
 * the same elements from one refresh to the next (the line is a status a screen reader reads when it changes).
 */
function liveParts() {
  const parts = {
    facts: h('div', {}),
    bar: h('progress', {id: 'announcement-progress', max: 1, value: 0, 'aria-labelledby': 'progress-label'}),
    text: h('span', {class: 'muted', id: 'progress-text', role: 'status'}),
    counters: h('div', {class: 'table-wrap'}),
  };
  parts.section = h('section', {id: 'announcement-live'}, parts.facts,
    h('h2', {id: 'progress-label'}, t('console.announcements.progress')),
    h('div', {class: 'announcement-progress'}, parts.bar, parts.text),
    parts.counters);
  return parts;
}

const COUNTERS = ['targeted', 'queued', 'sent', 'delivered', 'bounced', 'failed', 'suppressed', 'cancelled', 'unknown'];

function progress(a, parts) {
  const targeted = c(a, 'targeted');
  const done = a.state === 'SENT' ? targeted : Math.max(0, targeted - c(a, 'outstanding'));
  parts.bar.max = Math.max(targeted, 1);
  parts.bar.value = a.state === 'SENT' ? parts.bar.max : done;
  const line = t('console.announcements.progressLine', done, targeted);
  if (parts.text.textContent !== line) parts.text.textContent = line;
  // the API's reason of a cancellation: "by <user> at <instant>"
  const cancelled = a.state === 'CANCELLED' ? /^by (.+) at (\S+)$/.exec(a.stateReason || '') : null;
  const audience = a.audience || {};
  const filters = [
    ['categories', v => label('category', v)], ['regions', v => label('region', v)], ['workshops', v => v],
    ['languages', v => label('language', v.toUpperCase())], ['statuses', v => label('registrationStatus', v)]]
    .filter(([k]) => (audience[k] || []).length)
    .map(([k, f]) => t('console.announcements.audience.filter', t(`console.announcements.audience.${k}`),
      audience[k].map(f).join(t('console.announcements.listSeparator'))));
  show(parts.facts, h('dl', {class: 'facts', id: 'announcement-facts'},
    h('dt', {}, t('console.announcements.state')),
    h('dd', {id: 'announcement-state', dataset: {state: a.state}}, status(a.state, a.stateLabel),
      cancelled ? h('span', {class: 'muted', id: 'announcement-cancelled-by'}, ' ',
        t('console.announcements.cancelledBy', dateTime(cancelled[2]), cancelled[1])) : null),
    h('dt', {}, t('console.announcements.channels')), h('dd', {}, channelsOf(a)),
    h('dt', {}, t('console.announcements.audience')),
    h('dd', {}, filters.length ? filters.join(' · ') : t('console.announcements.audience.everyone')),
    a.scheduledFor ? [h('dt', {}, t('console.announcements.scheduledFor')),
      h('dd', {id: 'announcement-scheduled'}, dateTime(a.scheduledFor))] : null,
    h('dt', {}, t('console.announcements.created')),
    h('dd', {}, t('console.announcements.createdLine', dateTime(a.createdAt), a.createdBy || '—'))));
  show(parts.counters, h('table', {id: 'announcement-counters'},
    h('thead', {}, h('tr', {}, COUNTERS.map(n => h('th', {scope: 'col', class: 'number'},
      t(`console.announcements.counter.${n}`))))),
    h('tbody', {}, h('tr', {}, COUNTERS.map(n => h('td', {class: 'number', dataset: {counter: n, value: c(a, n)}},
      number(c(a, n))))))));
}

/** Send now, schedule, cancel (with a confirmation): what the state allows. */
function actions(a, reload) {
  const box = h('div', {id: 'announcement-actions'});
  const result = h('div', {id: 'action-result', 'aria-live': 'polite'});
  const run = async (button, call, done) => {
    box.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const view = await call();
      toast(t(done));
      reload(view);
    } catch (error) {
      box.querySelectorAll('button').forEach(b => { b.disabled = false; });
      const form = box.querySelector('form');
      show(result, form ? markFields(form, error) : problem(error));
    }
  };
  const path = `/api/announcements/${encodeURIComponent(a.id)}`;
  const parts = [];
  if (a.state === 'DRAFT') {
    const now = h('button', {type: 'button', id: 'announcement-send'}, t('console.announcements.sendNow'));
    now.addEventListener('click', () => run(now, () => api(`${path}/send`, {method: 'POST'}), 'console.announcements.sent'));
    // this hour tomorrow, as Casablanca's clocks read it
    const when = h('input', {type: 'datetime-local', required: true, 'data-field': 'scheduledFor',
      value: casablancaHour(new Date(Date.now() + 25 * 3600 * 1000)), step: 60});
    const later = h('button', {type: 'submit', id: 'announcement-schedule', class: 'secondary'},
      t('console.announcements.schedule'));
    const form = h('form', {class: 'toolbar', id: 'schedule-form'},
      field('schedule-at', t('console.announcements.scheduleAt'), when, t('console.announcements.scheduleHint')),
      h('div', {class: 'field'}, later));
    form.addEventListener('submit', e => {
      e.preventDefault();
      if (!when.value) return;
      const iso = casablancaIso(when.value);
      run(later, () => api(`${path}/send`, {method: 'POST', json: {scheduledFor: iso}}), 'console.announcements.scheduled');
    });
    parts.push(h('div', {class: 'toolbar'}, now), form);
  }
  if (['DRAFT', 'SCHEDULED', 'SENDING'].includes(a.state)) {
    const confirm = h('div', {class: 'alert', id: 'cancel-confirm', role: 'alertdialog', 'aria-labelledby': 'cancel-question',
      hidden: true},
      h('p', {id: 'cancel-question'}, t('console.announcements.cancelQuestion')),
      h('div', {class: 'toolbar'},
        h('button', {type: 'button', class: 'danger', id: 'announcement-cancel-confirm',
          onclick: e => run(e.currentTarget, () => api(`${path}/cancel`, {method: 'POST'}), 'console.announcements.cancelled')},
        t('console.announcements.cancelYes')),
        h('button', {type: 'button', class: 'secondary', id: 'announcement-cancel-keep', onclick: () => {
          confirm.hidden = true;
          ask.hidden = false;
          ask.focus();
        }}, t('console.announcements.cancelNo'))));
    const ask = h('button', {type: 'button', class: 'secondary', id: 'announcement-cancel', onclick: () => {
      confirm.hidden = false;
      ask.hidden = true;
      confirm.querySelector('button').focus();
    }}, t('console.announcements.cancel'));
    parts.push(h('div', {class: 'toolbar'}, ask), confirm);
  }
  if (parts.length === 0) return null;
  return show(box, h('h2', {}, t('console.announcements.actions')), parts, result);
}

function emailPreview(language, view) {
  const ar = language === 'ar';
  return h('article', {class: 'preview-language', id: `preview-email-${language}`},
    h('h3', {}, t(`console.announcements.preview.email.${language}`)),
    view ? [
      h('p', {}, h('strong', {}, t('console.announcements.preview.subject')), ' ',
        h('span', {lang: language, dir: ar ? 'rtl' : 'ltr', class: 'preview-subject'}, view.subject)),
      h('div', {class: 'preview', lang: language, dir: ar ? 'rtl' : 'ltr'}, view.text)]
      : h('p', {class: 'muted'}, t('console.announcements.preview.none')));
}

function smsPreview(language, view) {
  const ar = language === 'ar';
  return h('article', {class: 'preview-language', id: `preview-sms-${language}`},
    h('h3', {}, t(`console.announcements.preview.sms.${language}`)),
    view ? [
      h('p', {class: 'sms', lang: language, dir: ar ? 'rtl' : 'ltr'}, view.text),
      h('p', {class: 'muted'}, t('console.announcements.preview.smsLine', view.characters, view.parts,
        label('console.announcements.encoding', view.encoding)))]
      : h('p', {class: 'muted'}, t('console.announcements.preview.none')));
}

function preview(a, p) {
  const reach = p.recipients || {};
  const left = reach.suppressed || {};
  const parts = p.smsParts || {};
  const channels = a.channels || [];
  const emailOn = channels.includes('email');
  const smsOn = channels.includes('sms');
  return [
    h('dl', {class: 'facts', id: 'preview-recipients', dataset: {total: reach.total || 0}},
      h('dt', {}, t('console.announcements.preview.total')), h('dd', {id: 'preview-total'}, number(reach.total || 0)),
      emailOn ? [h('dt', {}, t('console.announcements.preview.emails')),
        h('dd', {id: 'preview-emails'}, number(reach.email || 0))] : null,
      smsOn ? [h('dt', {}, t('console.announcements.preview.sms')),
        h('dd', {id: 'preview-sms'}, number(reach.sms || 0))] : null,
      h('dt', {}, t('console.announcements.preview.leftOut')),
      h('dd', {id: 'preview-left-out'}, t('console.announcements.preview.leftOutLine', left.email || 0, left.sms || 0)),
      smsOn ? [h('dt', {}, t('console.announcements.preview.parts')),
        h('dd', {id: 'preview-parts'}, t('console.announcements.preview.partsLine', parts.fr || 0, parts.ar || 0,
          parts.total || 0))] : null,
      h('dt', {}, t('console.announcements.preview.duration')),
      h('dd', {id: 'preview-duration'}, duration(p.duration?.seconds))),
    reach.tooLong ? h('p', {class: 'alert', role: 'alert'}, t('console.announcements.preview.tooLong', reach.tooLong)) : null,
    p.sample ? h('p', {class: 'muted', id: 'preview-sample'}, t('console.announcements.preview.sample'), ' ',
      bdi(p.sample.name)) : null,
    emailOn ? h('div', {class: 'two'}, LANGS.map(l => emailPreview(l, (p.email || {})[l]))) : null,
    smsOn ? h('div', {class: 'two'}, LANGS.map(l => smsPreview(l, (p.sms || {})[l]))) : null];
}

export async function one(main, params, query, context) {
  const path = `/api/announcements/${encodeURIComponent(params.id)}`;
  const hash = location.hash;
  const [a, p] = await Promise.all([api(path), api(`${path}/preview`).catch(error => ({error}))]);
  const parts = liveParts();
  const live = parts.section;
  const actionsBox = h('div', {});
  let timer = null;
  let state = null;
  const update = view => {
    progress(view, parts);
    if (view.state !== state) {
      state = view.state;
      show(actionsBox, actions(view, update));
    }
    clearTimeout(timer);
    if (LIVE.has(view.state)) timer = setTimeout(poll, REFRESH_MS);
  };
  const poll = async () => {
    // stops once another page (or the same one re-rendered, in the other language) took <main>
    if (location.hash !== hash || !live.isConnected) return;
    try {
      const view = await api(path);
      if (location.hash === hash && live.isConnected) update(view);
    } catch (error) {
      if (live.isConnected) timer = setTimeout(poll, REFRESH_MS * 2);
    }
  };
  show(main,
    h('p', {}, h('a', {href: '#/announcements'}, arrow('back'), ' ', t('console.announcements.back'))),
    title(nameOf(a)),
    h('p', {class: 'muted'}, t('console.announcements.number', a.id)),
    live, actionsBox,
    h('section', {id: 'announcement-preview', 'aria-labelledby': 'preview-title'},
      h('h2', {id: 'preview-title'}, t('console.announcements.preview')),
      p.error ? problem(p.error) : preview(a, p)));
  update(a);
}
