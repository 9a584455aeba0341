// What the booking page and the manage page share: calls to both sides, and dates and times as text.

export const settings = document.body.dataset;

/** The answer of a call: its status, its JSON body (or null) and its headers. */
async function call(url, options) {
  const response = await fetch(url, options);
  let body = null;
  try {
    body = await response.json();
  } catch {
    // a body that is not JSON (or none) tells nothing more than the status
  }
  return { status: response.status, body, headers: response.headers };
}

/** A read on the query side (this page's own origin). */
export function read(path, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  return call(path, { headers });
}

/**
 * A write on the command side, with an Idempotency-Key: a retry after a lost answer sends the same
 * key and gets the first outcome instead of a second booking.
 */
export function write(path, body, key, token) {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
  if (token) headers.Authorization = 'Bearer ' + token;
  return call(settings.commandUrl + path, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** A fresh Idempotency-Key; crypto.getRandomValues works on plain http too, unlike randomUUID. */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'page-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The visitor's zone as the browser knows it, UTC when it does not say. */
export function detectedZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, with {@code current} among them. */
export function zones(current) {
  let all = [];
  try {
    all = Intl.supportedValuesOf('timeZone');
  } catch {
    all = ['UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
  }
  const list = new Set(all);
  list.add('UTC');
  list.add(current);
  return Array.from(list).sort();
}

/** Today's date (YYYY-MM-DD) in {@code zone}. */
export function today(zone) {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "Sunday, 7 November 2027" for a calendar date, whatever the visitor's own zone. */
export function dayLabel(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** "Sun, 7 Nov": a day's button, short enough for two weeks of them in a few rows. */
export function shortDayLabel(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** "UTC−04:00" from a local time's offset ("…-04:00" or "…Z"), with a true minus sign. */
export function offsetLabel(localStart) {
  const offset = localStart.endsWith('Z') ? '+00:00' : localStart.slice(-6);
  return 'UTC' + offset.replace('-', '\u2212');
}

/** "Sunday, 7 November 2027, 01:30 (UTC−05:00)": a slot as its local time says it. */
export function slotLabel(localStart) {
  return dayLabel(localStart.slice(0, 10)) + ', ' + localStart.slice(11, 16) + ' (' + offsetLabel(localStart) + ')';
}

/** An instant as a wall-clock time in {@code zone}, naming the zone. */
export function instantLabel(instant, zone) {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short',
  }).format(new Date(instant));
}

/** A problem's detail for people, or {@code fallback}. */
export function detailOf(answer, fallback) {
  return (answer.body && answer.body.detail) || fallback;
}

/** Shows a message in an alert or status region; an empty message hides the region's box. */
export function say(element, message) {
  element.textContent = message || '';
  element.classList.toggle('shown', Boolean(message));
}
