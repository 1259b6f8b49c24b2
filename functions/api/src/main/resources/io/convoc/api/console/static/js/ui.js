// Pieces every page uses: titles, statuses, problems, waiting.
import {h, show} from './dom.js';
import {t, pick, codes} from './i18n.js';
import {api, ApiError} from './api.js';

const GOOD = new Set(['LETTER_READY', 'DELIVERED', 'SENT', 'CREATED']);
const BAD = new Set(['FAILED', 'BOUNCED', 'COMPLAINED', 'SUPPRESSED', 'REJECTED', 'CANCELLED', 'UNKNOWN', 'LETTER_FAILED']);

/** The page's heading, also the window's title. */
export function title(text) {
  document.title = `${text} · convoc`;
  return h('h1', {}, text);
}

/** A status as a person reads it (its label from the API in both languages), coloured by what it means. */
export function status(code, labels, tone) {
  tone = tone || (GOOD.has(code) ? 'good' : BAD.has(code) ? 'bad' : 'wait');
  return h('span', {class: `status ${tone}`, dataset: {status: code}}, labels ? pick(labels) : code);
}

/** What went wrong, in the page's language: the API's problem with each field it names. */
export function problem(error) {
  if (!(error instanceof ApiError)) {
    console.error(error);
    return h('div', {class: 'alert', role: 'alert'}, t('console.error.unexpected'));
  }
  const errors = error.errors;
  return h('div', {class: 'alert', role: 'alert'},
    h('strong', {}, error.problem.title || t('console.error.http', error.status)),
    errors.length ? h('ul', {}, errors.map(e => h('li', {dataset: {field: e.field}},
      h('code', {}, e.field), ' ', e.message))) : null);
}

/**
 * Marks the form's fields the error names (aria-invalid, the message under the field, described-by) and returns
 * the problem box for the errors no field of the form shows.
 */
export function markFields(form, error) {
  form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  if (!error) return null;
  if (!(error instanceof ApiError)) return problem(error);
  for (const e of error.errors) {
    const input = form.querySelector(`[data-field="${CSS.escape(e.field)}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const id = `${input.id || e.field.replace(/[^a-z0-9]/gi, '-')}-error`;
    input.setAttribute('aria-describedby', id);
    input.closest('.field')?.append(h('p', {class: 'field-error', id}, e.message));
  }
  return problem(error);
}

/** A labelled field: {id, label, hint, input} where input is the element. */
export function field(id, labelText, input, hint) {
  input.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, labelText), input,
    hint ? h('p', {class: 'hint'}, hint) : null);
}

export function loading(main) {
  show(main, h('p', {class: 'loading', role: 'status'}, t('console.loading')));
}

let toastTimer = null;
export function toast(text) {
  const box = document.getElementById('toast');
  show(box, text);
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => show(box), 6000);
}

/** A <select> of values with their labels, the first option "all" when `all` is given. */
export function select(name, options, selected, all) {
  return h('select', {name},
    all ? h('option', {value: ''}, all) : null,
    options.map(([value, text]) => h('option', {value, selected: value === selected}, text)));
}

/** The event's workshops as [id, title] pairs, for filters and audiences. */
export async function workshopsOf(event) {
  const programme = await api(`/api/events/${encodeURIComponent(event)}/programme`);
  return (programme.sessions || []).filter(s => s.kind === 'WORKSHOP').map(s => [s.id, pick(s.title)]);
}

/**
 * The filters of a list of invitees or letters (category, region, workshop, status) as a search form: `filters`
 * holds the values the address gives, submitting moves to `#<path>?<the values chosen>`.
 */
export function inviteeFilters(path, query, workshops, ariaLabel) {
  const filters = {category: query.get('category') || '', region: query.get('region') || '',
    workshop: query.get('workshop') || '', status: query.get('status') || ''};
  const form = h('form', {class: 'filters', role: 'search', 'aria-label': ariaLabel},
    field('filter-category', t('console.registrations.category'),
      select('category', codes('category'), filters.category, t('console.all'))),
    field('filter-region', t('console.registrations.region'),
      select('region', codes('region'), filters.region, t('console.all'))),
    field('filter-workshop', t('console.registrations.workshop'),
      select('workshop', workshops, filters.workshop, t('console.all'))),
    field('filter-status', t('console.registrations.status'),
      select('status', codes('registrationStatus'), filters.status, t('console.all'))),
    h('div', {class: 'field'}, h('button', {type: 'submit'}, t('console.filter'))));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) next.set(k, v);
    location.hash = `#${path}${next.toString() ? '?' + next : ''}`;
  });
  return {form, filters};
}
