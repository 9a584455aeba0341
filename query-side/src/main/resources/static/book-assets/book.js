// The booking page: pick a free time, answer the type's questions, book without a key.
import { detailOf, newKey, read, say, settings, slotLabel, write } from './common.js';
import { createPicker } from './picker.js';

const TAKEN = 'That time was just taken — please pick another.';

// The rules of shared-events' QuestionType, as attributes the browser checks: the same text the server
// matches in full (a pattern attribute matches the whole value too), the same lengths in UTF-16 units.
const EMAIL_PATTERN = '[^@\\s]+@[^@\\s]+\\.[^@\\s]+';
const PHONE_PATTERN = '\\+[0-9]{7,15}';
const EXPECTS = {
  text: 'Text of at most 1000 characters.',
  email: 'An e-mail address, such as ada@example.com.',
  phone: "A phone number: '+' and 7 to 15 digits, such as +33123456789.",
  number: 'A number.',
  select: 'One of the choices.',
  multiselect: 'Any of the choices.',
};

const owner = { [settings.ownerField]: settings.ownerId };
const el = (id) => document.getElementById(id);
const form = el('book-form');
const formError = el('form-error');

let type = null;
let picker = null;
let chosen = null;
let phase = 'picking'; // picking → details → submitting → done
let pending = null; // {key, body} of a submission whose answer never arrived, retried with the same key

start();

async function start() {
  const listPath = settings.ownerField === 'teamId'
    ? `/api/teams/${settings.ownerId}/event-types`
    : `/api/hosts/${settings.ownerId}/event-types`;
  const answer = await read(listPath);
  type = answer.status === 200 ? answer.body.items.find((t) => t.eventTypeId === settings.eventTypeId) : null;
  if (!type) {
    el('pick-heading').textContent = 'This event type is not open for booking any more.';
    return;
  }
  el('summary').textContent = type.durationMinutes + ' minutes';
  renderQuestions(type.questions);
  picker = createPicker(el('picker'), {
    prefix: 'pick',
    owner,
    eventTypeId: type.eventTypeId,
    horizonDays: type.horizonDays,
    from: new URLSearchParams(location.search).get('from'),
    onPick: pick,
    onGone: gone,
  });
}

function pick(slot) {
  chosen = slot;
  phase = 'details';
  el('picked').textContent = slotLabel(slot.localStart) + ', ' + picker.zone;
  say(formError, '');
  el('details').hidden = false;
  el('details-heading').focus();
}

/** The chosen time went to someone else while this visitor was filling in the form. */
function gone() {
  if (phase !== 'details') return; // a submission in flight learns its outcome from its own answer
  backToPicking(TAKEN);
}

function backToPicking(message) {
  chosen = null;
  phase = 'picking';
  el('details').hidden = true;
  picker.alert(message);
  el('pick-heading').focus();
}

el('change').addEventListener('click', () => {
  picker.clear();
  chosen = null;
  phase = 'picking';
  el('details').hidden = true;
  el('pick-heading').focus();
});

function renderQuestions(questions) {
  const box = el('questions');
  for (const q of questions) {
    const id = 'q-' + q.id;
    const field = document.createElement('div');
    field.className = 'field';
    field.dataset.question = q.id;
    field.dataset.type = q.type;
    const required = q.required ? ' <span class="req">(required)</span>' : '';
    const hint = EXPECTS[q.type] ? `<p class="hint" id="${id}-hint">${EXPECTS[q.type]}</p>` : '';
    const describedBy = `${EXPECTS[q.type] ? id + '-hint ' : ''}${id}-error`;
    const error = `<p class="error" id="${id}-error"></p>`;
    if (q.type === 'multiselect') {
      const box = document.createElement('fieldset');
      box.id = id;
      box.setAttribute('aria-describedby', describedBy);
      if (q.required) box.dataset.required = 'true';
      box.innerHTML = `<legend></legend>`;
      box.querySelector('legend').innerHTML = escape(q.label) + required;
      q.options.forEach((option, i) => {
        const row = document.createElement('div');
        row.className = 'choice';
        row.innerHTML = `<input type="checkbox" id="${id}-${i}"><label for="${id}-${i}"></label>`;
        row.querySelector('input').value = option;
        row.querySelector('label').textContent = option;
        box.append(row);
      });
      field.append(box);
      field.insertAdjacentHTML('beforeend', hint + error);
    } else if (q.type === 'boolean') {
      // false is an answer too: a box left unticked answers "no"
      field.classList.add('choice');
      field.innerHTML = `<input type="checkbox" id="${id}" aria-describedby="${id}-error"><label for="${id}"></label>${error}`;
      field.querySelector('label').textContent = q.label;
    } else {
      field.innerHTML = `<label for="${id}">${escape(q.label)}${required}</label>`;
      let input;
      if (q.type === 'select') {
        input = document.createElement('select');
        input.add(new Option('Choose…', ''));
        q.options.forEach((option) => input.add(new Option(option, option)));
      } else {
        input = document.createElement('input');
        input.type = { email: 'text', phone: 'tel', number: 'number' }[q.type] || 'text';
        if (q.type === 'text') input.maxLength = 1000;
        if (q.type === 'email') {
          input.maxLength = 254;
          input.pattern = EMAIL_PATTERN;
          input.inputMode = 'email';
        }
        if (q.type === 'phone') input.pattern = PHONE_PATTERN;
        if (q.type === 'number') input.step = 'any';
      }
      input.id = id;
      input.required = q.required;
      input.setAttribute('aria-describedby', describedBy);
      field.append(input);
      field.insertAdjacentHTML('beforeend', hint + error);
    }
    box.append(field);
  }
}

function escape(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

/** The message for a control the browser finds wrong, or '' when it is right. */
function problemWith(control, kind) {
  const v = control.validity;
  if (v.valueMissing) return 'Please answer this.';
  if (v.badInput || v.typeMismatch || v.patternMismatch || v.tooLong || v.stepMismatch) {
    return EXPECTS[kind] || 'Please enter a valid e-mail address.';
  }
  return '';
}

/** Checks every field as the server would, marks the wrong ones and says which; true when all are right. */
function validate() {
  const wrong = [];
  const mark = (control, errorId, message) => {
    control.setAttribute('aria-invalid', String(Boolean(message)));
    el(errorId).textContent = message;
    if (message) wrong.push(control);
  };
  mark(el('name'), 'name-error', el('name').validity.valid ? '' : 'Please enter your name.');
  mark(el('email'), 'email-error', el('email').validity.valid ? '' : 'Please enter your e-mail address.');
  for (const field of el('questions').querySelectorAll('[data-question]')) {
    const id = 'q-' + field.dataset.question;
    if (field.dataset.type === 'multiselect') {
      const box = el(id);
      const none = !box.querySelector('input:checked');
      mark(box, id + '-error', box.dataset.required === 'true' && none ? 'Please choose at least one.' : '');
    } else if (field.dataset.type !== 'boolean') {
      mark(el(id), id + '-error', problemWith(el(id), field.dataset.type));
    }
  }
  if (wrong.length > 0) {
    say(formError, wrong.length === 1 ? 'One answer needs your attention.' : wrong.length + ' answers need your attention.');
    (wrong[0].matches('fieldset') ? wrong[0].querySelector('input') : wrong[0]).focus();
  }
  return wrong.length === 0;
}

/** The answers as the API takes them; unanswered optional questions are left out. */
function answers() {
  const given = {};
  for (const field of el('questions').querySelectorAll('[data-question]')) {
    const q = field.dataset.question;
    const control = el('q-' + q);
    switch (field.dataset.type) {
      case 'boolean':
        given[q] = control.checked;
        break;
      case 'multiselect': {
        const picked = Array.from(control.querySelectorAll('input:checked'), (box) => box.value);
        if (picked.length > 0) given[q] = picked;
        break;
      }
      case 'number':
        if (control.value !== '') given[q] = Number(control.value);
        break;
      default:
        if (control.value !== '') given[q] = control.value;
    }
  }
  return given;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (phase !== 'details' || !validate()) return;
  say(formError, '');
  const body = {
    ...owner,
    eventTypeId: type.eventTypeId,
    start: chosen.start,
    attendee: { name: el('name').value, email: el('email').value, timeZone: picker.zone },
    answers: answers(),
  };
  const json = JSON.stringify(body);
  const key = pending && pending.json === json ? pending.key : newKey();
  pending = { key, json };
  phase = 'submitting';
  const button = el('submit');
  button.disabled = true;
  button.textContent = 'Booking…';
  let answer;
  try {
    answer = await write('/api/bookings', body, key);
  } catch {
    phase = 'details';
    say(formError, 'The booking service could not be reached. Check your connection and try again.');
    return;
  } finally {
    button.disabled = false;
    button.textContent = 'Book this time';
  }
  pending = null;
  handle(answer);
});

function handle(answer) {
  const code = answer.body && answer.body.code;
  if (answer.status === 201) {
    confirmed(answer.body);
    return;
  }
  phase = 'details';
  if (code === 'slot-unavailable') {
    const start = chosen.start;
    backToPicking(TAKEN);
    picker.remove(start);
  } else if (code === 'slot-not-offered') {
    backToPicking('That time is no longer offered — please pick another.');
    picker.refresh();
  } else if (code === 'invalid-answers') {
    // the server names the question: mark it as the client-side checks would have
    const named = /question '([A-Za-z0-9_-]+)'/.exec(answer.body.detail || '');
    const control = named && el('q-' + named[1]);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      el('q-' + named[1] + '-error').textContent = answer.body.detail;
    }
    say(formError, 'The booking was refused: ' + answer.body.detail);
  } else if (answer.status === 429) {
    const wait = answer.headers.get('Retry-After');
    say(formError, 'Too many requests just now. Please try again' + (wait ? ' in ' + wait + ' s.' : ' shortly.'));
  } else if (answer.status === 401) {
    say(formError, 'This event type cannot be booked online.');
  } else {
    say(formError, detailOf(answer, 'The booking did not go through. Please try again.'));
  }
}

function confirmed(booking) {
  phase = 'done';
  el('pick').hidden = true;
  el('details').hidden = true;
  el('done-when').textContent = slotLabel(chosen.localStart) + ', ' + picker.zone + '.';
  el('done-status').textContent = booking.status === 'RESERVED'
    ? 'Your time is reserved until the host confirms it.'
    : 'Status: ' + booking.status + '.';
  const link = el('manage-link');
  link.href = '/book/manage/' + booking.bookingId + '#' + booking.manageToken;
  link.textContent = location.origin + '/book/manage/' + booking.bookingId + '#' + booking.manageToken;
  el('done').hidden = false;
  el('done-heading').focus();
}
