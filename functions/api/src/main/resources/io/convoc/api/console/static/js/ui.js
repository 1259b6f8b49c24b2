// Pieces every page uses: titles, statuses, problems, waiting.
import {h, show} from './dom.js';
import {t, pick} from './i18n.js';
import {ApiError} from './api.js';

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
