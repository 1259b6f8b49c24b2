// The console's words, from the server's bundles (/console/messages/<lang>.json), and how numbers and dates read.
const LANGUAGES = ['fr', 'ar'];
const KEY = 'convoc.console.lang';
let current = null;
let words = {};

export function languages() {
  return LANGUAGES;
}

export function lang() {
  return current;
}

export function preferred() {
  const stored = localStorage.getItem(KEY);
  if (LANGUAGES.includes(stored)) return stored;
  return (navigator.language || 'fr').toLowerCase().startsWith('ar') ? 'ar' : 'fr';
}

export async function use(language) {
  const response = await fetch(`/console/messages/${language}.json`, {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(`messages ${language}: HTTP ${response.status}`);
  words = await response.json();
  current = language;
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The text of `key`, its {0}, {1}… replaced as Java's MessageFormat does for the same bundle ('' is a quote;
 * text between single quotes is literal).
 */
export function t(key, ...args) {
  const pattern = words[key];
  if (pattern === undefined) {
    console.warn('no message', key);
    return key;
  }
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") { out += "'"; i++; continue; }
      const end = pattern.indexOf("'", i + 1);
      out += pattern.substring(i + 1, end < 0 ? pattern.length : end);
      i = end < 0 ? pattern.length : end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      const index = Number(pattern.substring(i + 1, end).split(',')[0]);
      const value = args[index];
      out += typeof value === 'number' ? number(value) : (value ?? '');
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

export function has(key) {
  return words[key] !== undefined;
}

/** The label of an enum value in the core bundle: label('registrationStatus', 'LETTER_READY'). */
export function label(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : value;
}

/**
 * The codes an enum has labels for in the core bundle (codes('region') → ['CASABLANCA_SETTAT', …]) as
 * [code, label] pairs in the alphabetical order of the labels.
 */
export function codes(prefix) {
  const pattern = new RegExp(`^${prefix}\\.([A-Z0-9_]+)$`);
  return Object.keys(words).map(k => pattern.exec(k)).filter(Boolean).map(m => [m[1], t(m[0])])
    .sort((a, b) => a[1].localeCompare(b[1], current));
}

/** One of a {fr, ar} pair in the page's language (the other when this one is empty). */
export function pick(bilingual) {
  if (!bilingual) return '';
  return bilingual[current] || bilingual.fr || bilingual.ar || '';
}

// Moroccan usage: Western digits in Arabic text too (ar-MA formats with them)
function locale() {
  return current === 'ar' ? 'ar-MA' : 'fr-MA';
}

export function number(value) {
  return new Intl.NumberFormat(locale(), {numberingSystem: 'latn'}).format(value);
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short', numberingSystem: 'latn',
    timeZone: 'Africa/Casablanca'}).format(new Date(iso));
}

// The event's clocks: Morocco is at UTC+1 but goes back to UTC+0 during Ramadan; the browser's time zone data knows
const ZONE = 'Africa/Casablanca';

function zoneOffset(date) {
  const name = new Intl.DateTimeFormat('en-US', {timeZone: ZONE, timeZoneName: 'longOffset'}).formatToParts(date)
    .find(p => p.type === 'timeZoneName').value; // "GMT+01:00", or "GMT" at UTC+0
  return name === 'GMT' ? '+00:00' : name.substring(3);
}

/** A time typed as Casablanca's clocks read it (a datetime-local value) as an ISO time with that day's offset. */
export function casablancaIso(local) {
  const value = local.length === 16 ? `${local}:00` : local;
  return value + zoneOffset(new Date(`${value}Z`));
}

/** A moment as Casablanca's clocks read it, to the hour, as a datetime-local value. */
export function casablancaHour(date) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {timeZone: ZONE, year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', hourCycle: 'h23'}).formatToParts(date).map(p => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:00`;
}
