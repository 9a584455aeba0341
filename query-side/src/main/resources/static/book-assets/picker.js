// The free times of one event type: a zone, a range of days, the days with free times and one
// day's times, kept current by the availability stream.
import { addDays, dayLabel, detectedZone, offsetLabel, read, say, shortDayLabel, today, zones } from './common.js';

const DAYS_SHOWN = 14;

/**
 * Builds the picker in {@code root}.
 * @param prefix ids of its elements start with it
 * @param owner {hostId} or {teamId}
 * @param eventTypeId the type whose times are shown
 * @param horizonDays how far ahead the type may be booked
 * @param from the first day to show (YYYY-MM-DD), or null for today
 * @param onPick called with the slot a visitor chose
 * @param onGone called with the chosen slot when it is no longer free
 */
export function createPicker(root, { prefix, owner, eventTypeId, horizonDays, zone, from, onPick, onGone }) {
  root.innerHTML = `
    <div class="field">
      <label for="${prefix}-zone">Time zone</label>
      <select id="${prefix}-zone"></select>
    </div>
    <div class="range">
      <button type="button" id="${prefix}-earlier">Earlier days</button>
      <span id="${prefix}-range"></span>
      <button type="button" id="${prefix}-later">Later days</button>
    </div>
    <h3 id="${prefix}-days-heading">Days with free times</h3>
    <ul class="days" id="${prefix}-days" aria-labelledby="${prefix}-days-heading"></ul>
    <h3 id="${prefix}-slots-heading">Times</h3>
    <ul class="slots" id="${prefix}-slots" aria-labelledby="${prefix}-slots-heading"></ul>
    <p class="status" id="${prefix}-status" role="status"></p>
    <p class="alert" id="${prefix}-alert" role="alert"></p>`;
  const $ = (name) => root.querySelector('#' + prefix + '-' + name);
  const zoneSelect = $('zone');
  const daysList = $('days');
  const slotsList = $('slots');
  const slotsHeading = $('slots-heading');
  const status = $('status');
  const alert = $('alert');

  const state = {
    zone: zone || detectedZone(),
    first: null,
    slots: [],
    day: null,
    chosen: null,
    stream: null,
  };
  for (const name of zones(state.zone)) {
    zoneSelect.add(new Option(name, name, false, name === state.zone));
  }
  const start = today(state.zone);
  state.first = from && from > start ? from : start;
  const lastDay = () => addDays(today(state.zone), horizonDays);

  function query() {
    const params = new URLSearchParams(owner);
    params.set('eventTypeId', eventTypeId);
    params.set('from', state.first);
    params.set('to', addDays(state.first, DAYS_SHOWN - 1));
    params.set('timezone', state.zone);
    return params.toString();
  }

  /** Reads the range afresh, then follows it on the stream: every change arrives as the full list. */
  async function load() {
    if (state.stream) state.stream.close();
    $('range').textContent = dayLabel(state.first) + ' to ' + dayLabel(addDays(state.first, DAYS_SHOWN - 1));
    $('earlier').disabled = state.first <= today(state.zone);
    $('later').disabled = addDays(state.first, DAYS_SHOWN) > lastDay();
    say(status, 'Loading free times…');
    const params = query();
    const answer = await read('/api/availability?' + params);
    if (params !== query()) return; // the visitor moved on meanwhile
    if (answer.status !== 200) {
      say(status, '');
      say(alert, (answer.body && answer.body.detail) || 'The free times could not be loaded. Please try again.');
      return;
    }
    say(status, '');
    update(answer.body.slots);
    follow(params);
  }

  function follow(params) {
    if (typeof EventSource === 'undefined') return;
    const stream = new EventSource('/api/availability/stream?' + params);
    state.stream = stream;
    stream.addEventListener('slots', (event) => {
      if (stream !== state.stream) return;
      try {
        update(JSON.parse(event.data).slots);
      } catch {
        // a malformed event changes nothing; the next one carries the full list again
      }
    });
    // without the stream the page keeps the times it read; EventSource retries by itself otherwise
  }

  /** Takes a new full list of free slots; tells whoever picked a slot that has gone. */
  function update(slots) {
    // the stream's first list is usually the one just read: drawing it again would only replace the
    // buttons under the visitor's pointer (and keyboard focus) with identical ones
    if (state.drawn && JSON.stringify(state.slots) === JSON.stringify(slots)) return;
    state.drawn = true;
    state.slots = slots;
    const days = dayList();
    if (!days.includes(state.day)) state.day = days[0] || null;
    render();
    if (state.chosen && !slots.some((slot) => slot.start === state.chosen.start)) {
      const gone = state.chosen;
      state.chosen = null;
      onGone(gone);
    }
  }

  function dayList() {
    return Array.from(new Set(state.slots.map((slot) => slot.localStart.slice(0, 10))));
  }

  function render() {
    // the focused button is found again after the lists are rebuilt
    const focused = document.activeElement;
    const focusKey = root.contains(focused) ? focused.dataset.day || focused.dataset.start : null;

    daysList.replaceChildren(...dayList().map((day) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.day = day;
      button.textContent = shortDayLabel(day);
      button.setAttribute('aria-pressed', String(day === state.day));
      button.addEventListener('click', () => {
        state.day = day;
        render();
      });
      return item(button);
    }));

    const ofDay = state.slots.filter((slot) => slot.localStart.slice(0, 10) === state.day);
    const times = ofDay.map((slot) => slot.localStart.slice(11, 16));
    slotsList.replaceChildren(...ofDay.map((slot, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.start = slot.start;
      // a time the clock shows twice that day (the fall-back hour) is told apart by its offset
      const repeated = times.indexOf(times[i]) !== times.lastIndexOf(times[i]);
      button.textContent = times[i] + (repeated ? ' (' + offsetLabel(slot.localStart) + ')' : '');
      if (slot.seatsLeft !== undefined) button.textContent += ' · ' + slot.seatsLeft + ' left';
      button.setAttribute('aria-pressed', String(Boolean(state.chosen && state.chosen.start === slot.start)));
      button.addEventListener('click', () => {
        state.chosen = slot;
        say(alert, '');
        render();
        onPick(slot, state.zone);
      });
      return item(button);
    }));
    slotsHeading.textContent = state.day ? 'Times on ' + dayLabel(state.day) : 'Times';
    say(status, state.slots.length === 0 ? 'No free times in these days.' : '');

    if (focusKey) {
      const again = root.querySelector(`[data-day="${focusKey}"], [data-start="${focusKey}"]`);
      if (again) again.focus();
    }
  }

  function item(child) {
    const li = document.createElement('li');
    li.append(child);
    return li;
  }

  zoneSelect.addEventListener('change', () => {
    state.zone = zoneSelect.value;
    state.first = today(state.zone);
    state.chosen = null;
    load();
  });
  $('earlier').addEventListener('click', () => {
    const earliest = today(state.zone);
    state.first = addDays(state.first, -DAYS_SHOWN) < earliest ? earliest : addDays(state.first, -DAYS_SHOWN);
    load();
  });
  $('later').addEventListener('click', () => {
    state.first = addDays(state.first, DAYS_SHOWN);
    load();
  });

  load();

  return {
    get zone() {
      return state.zone;
    },
    /** Forgets the chosen slot (the visitor changes their mind). */
    clear() {
      state.chosen = null;
      render();
    },
    /**
     * Drops a slot the command side refused as taken. The range is not read again: the read model may
     * not have the other booking yet and would offer the slot once more; the stream brings the list
     * that follows that booking.
     */
    remove(start) {
      if (state.chosen && state.chosen.start === start) state.chosen = null;
      update(state.slots.filter((slot) => slot.start !== start));
    },
    refresh: load,
    /** Shows a message the visitor must notice, above the times. */
    alert(message) {
      say(alert, message);
    },
  };
}
