// The attendee's page: their booking read with the manage token of the link's fragment, and the two
// things the token allows, cancelling and rescheduling, within the type's notices.
import { detailOf, detectedZone, instantLabel, newKey, read, say, settings, slotLabel, write } from './common.js';
import { createPicker } from './picker.js';

const el = (id) => document.getElementById(id);
const bookingId = settings.bookingId;
const token = decodeURIComponent(location.hash.slice(1));
const problem = el('manage-error');
const LIVE = ['RESERVED', 'CONFIRMED'];

let booking = null;
let type = null;
let zone = detectedZone();
let picker = null;
let newSlot = null;

start();

async function start() {
  if (!token) {
    fail('This link is incomplete: open the whole link you were given when you booked.');
    return;
  }
  // a booking made a moment ago may not be readable yet: ask again for a few seconds
  let answer;
  for (let attempt = 0; attempt < 10; attempt++) {
    answer = await read('/api/bookings/' + bookingId, token);
    if (answer.status === 200 || answer.status === 403 || answer.status === 429) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (answer.status !== 200) {
    fail(answer.status === 401 || answer.status === 403 || answer.status === 404
      ? 'This link does not open a booking. Check that you copied all of it.'
      : detailOf(answer, 'Your booking could not be loaded. Please try again.'));
    return;
  }
  booking = answer.body;
  if (booking.attendee && booking.attendee.timeZone) zone = booking.attendee.timeZone;
  const listPath = booking.teamId
    ? `/api/teams/${booking.teamId}/event-types`
    : `/api/hosts/${booking.hostId}/event-types`;
  const types = await read(listPath);
  type = types.status === 200 ? types.body.items.find((t) => t.eventTypeId === booking.eventTypeId) : null;
  el('loading').hidden = true;
  show();
}

function fail(message) {
  el('loading').hidden = true;
  say(problem, message);
}

function show() {
  el('what').textContent = type ? type.title + ' (' + type.durationMinutes + ' minutes)' : 'Meeting';
  el('when').textContent = instantLabel(booking.start, zone);
  el('status').textContent = {
    RESERVED: 'Reserved, waiting for the host to confirm',
    CONFIRMED: 'Confirmed',
    CANCELLED: 'Cancelled',
    EXPIRED: 'Expired (the host did not confirm it in time)',
    COMPLETED: 'Completed',
    NO_SHOW: 'Missed',
  }[booking.status] || booking.status;
  el('who').textContent = booking.attendee ? booking.attendee.name : '';
  el('booking').hidden = false;
  const live = LIVE.includes(booking.status);
  el('cancel').hidden = !live;
  el('reschedule').hidden = !live;
  if (!live) return;
  if (type) {
    el('cancel-notice').textContent = notice('cancel', type.attendeeCancelNoticeMinutes);
    el('reschedule-notice').textContent = notice('reschedule', type.attendeeRescheduleNoticeMinutes);
  }
  if (!picker) {
    picker = createPicker(el('picker'), {
      prefix: 'move',
      owner: booking.teamId ? { teamId: booking.teamId } : { hostId: booking.hostId },
      eventTypeId: booking.eventTypeId,
      horizonDays: type ? type.horizonDays : 60,
      zone,
      from: null,
      onPick: (slot, pickedZone) => {
        newSlot = slot;
        el('move-summary').textContent = 'New time: ' + slotLabel(slot.localStart) + ', ' + pickedZone + '.';
        el('move-button').disabled = false;
      },
      onGone: () => {
        newSlot = null;
        el('move-button').disabled = true;
        el('move-summary').textContent = '';
        picker.alert('That time was just taken — please pick another.');
      },
    });
  }
}

function notice(action, minutes) {
  if (!minutes) return `You can ${action} online until the meeting starts.`;
  const until = Date.parse(booking.start) - minutes * 60000;
  const when = instantLabel(new Date(until).toISOString(), zone);
  return until > Date.now()
    ? `You can ${action} online until ${when}.`
    : `It is too late to ${action} online: that closed on ${when}. Please contact the host.`;
}

/** What the command side answered, for people: the cutoff, a taken slot, anything else by its detail. */
function refusal(answer, action) {
  const code = answer.body && answer.body.code;
  if (code === 'cutoff-passed') return `It is too late to ${action} online: ${answer.body.detail}`;
  if (code === 'slot-unavailable') return 'That time was just taken — please pick another.';
  if (code === 'slot-not-offered') return 'That time is no longer offered — please pick another.';
  return detailOf(answer, `Your booking could not be changed. Please try again.`);
}

/** Reads the booking back once the query side has the write (its position), then shows it. */
async function reload(position) {
  const wait = position ? '?minPosition=' + encodeURIComponent(position) : '';
  const answer = await read('/api/bookings/' + bookingId + wait, token);
  if (answer.status === 200) booking = answer.body;
}

/** Sends a change; returns the command side's answer (null when it could not be reached). */
async function send(path, body, action, button) {
  say(problem, '');
  button.disabled = true;
  let answer;
  try {
    answer = await write(path, body, newKey(), token);
  } catch {
    say(problem, 'The booking service could not be reached. Check your connection and try again.');
    button.disabled = false;
    return null;
  }
  button.disabled = false;
  if (answer.status !== 200) {
    say(problem, refusal(answer, action));
    return answer;
  }
  // the command side's answer is the booking itself; the read brings the query side's view of it
  booking = { ...booking, ...answer.body };
  await reload(answer.headers.get('X-Bookwise-Position'));
  return answer;
}

el('cancel-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const reason = el('reason').value;
  const answer = await send(`/api/bookings/${bookingId}/cancel`, reason ? { reason } : {}, 'cancel', el('cancel-button'));
  if (!answer || answer.status !== 200) return;
  show();
  say(el('result'), 'Your booking is cancelled.');
  el('title').focus();
});

el('move-button').addEventListener('click', async () => {
  if (!newSlot) return;
  const slot = newSlot;
  const answer = await send(`/api/bookings/${bookingId}/reschedule`, { start: slot.start }, 'reschedule', el('move-button'));
  if (!answer) return;
  if (answer.status !== 200) {
    newSlot = null;
    el('move-summary').textContent = '';
    el('move-button').disabled = true;
    // a taken time is dropped here (the read model may not know yet); anything else: read the times again
    if (answer.body && answer.body.code === 'slot-unavailable') picker.remove(slot.start);
    else {
      picker.clear();
      picker.refresh();
    }
    return;
  }
  newSlot = null;
  el('move-summary').textContent = '';
  el('move-button').disabled = true;
  show();
  picker.refresh();
  say(el('result'), 'Your booking is moved to ' + instantLabel(booking.start, zone) + '.');
  el('title').focus();
});
