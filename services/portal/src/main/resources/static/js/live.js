/*
 * Live updates. An element with data-live names one of the portal's streams (server-sent events relayed by the
 * portal with the user's token, which the browser never holds):
 *  - the transfers a page shows (/live?transfer=<id>@<version>…): on each "status" event this asks htmx to reload
 *    the parts of the page that listen (hx-trigger="transfer-status from:body");
 *  - the dispute a page shows (/live/disputes?dispute=<id>@<version>): on each "dispute" event, the parts that
 *    listen to "dispute-step from:body";
 *  - every transfer the user may see, for a list of transfers (/live/transfers, with data-live-list naming the
 *    list's element): see "Lists" below.
 * #live-indicator says whether updates are flowing.
 *
 * Lists (the regulator's inbox, the transfers search). The list's element says which changes may alter it
 * (LiveList: data-live-enter, -statuses, -types, -id-part; a change of a row it shows, data-transfer-id and
 * data-version, always may) and what to do (data-live-refresh): "auto" reloads it (hx-trigger="transfers-changed"),
 * unless the pointer or the keyboard focus is in it — then, so that nothing moves under the cursor, the notice
 * (#live-changes, aria-live=polite) says how many transfers changed and offers "Refresh the list", and the list
 * reloads once the pointer and focus have left it; "notice" only says so and reloads when asked. While the stream
 * is not open, a list with data-live-fallback reloads every that many seconds instead (and the stream is tried
 * again); after the stream was interrupted, the list may have missed changes and is treated as changed.
 * A file of the portal's own, because the Content-Security-Policy allows no inline script.
 */
(function () {
  'use strict';

  var sources = {}; // stream URL -> EventSource
  var lists = {}; // list element id -> what its page has not shown yet
  var DEBOUNCE = 400; // ms: a burst of changes (submitted, then assessed) reloads a list once
  var SPACING = 2000; // ms between two reloads of a list
  var RETRY = 60000; // ms between two attempts to open a list's stream that was closed

  function indicate(live) {
    var indicator = document.getElementById('live-indicator');
    if (indicator) {
      indicator.textContent = indicator.getAttribute(live ? 'data-on' : 'data-off') || '';
      indicator.classList.toggle('on', live);
    }
  }

  function list(id) {
    if (!lists[id]) {
      lists[id] = { changed: {}, count: 0, unknown: false, timer: null, inFlight: false, last: 0, focus: false,
        opened: false, loadedAt: Date.now(), retriedAt: Date.now(), before: null };
    }
    return lists[id];
  }

  function rowVersion(element, transferId) {
    var rows = element.querySelectorAll('[data-transfer-id]');
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute('data-transfer-id') === transferId) {
        return Number(rows[i].getAttribute('data-version') || -1);
      }
    }
    return null;
  }

  function words(attribute, element) {
    var value = element.getAttribute(attribute);
    return value ? value.split(' ') : null;
  }

  /** Whether a change may alter what the list shows. */
  function alters(element, change) {
    var id = String(change.transferId || '');
    var shown = rowVersion(element, id);
    if (shown !== null) {
      return Number(change.version) > shown;
    }
    if (element.getAttribute('data-live-enter') !== 'true') {
      return false;
    }
    var part = element.getAttribute('data-live-id-part');
    if (part && id.indexOf(part) < 0) {
      return false;
    }
    var statuses = words('data-live-statuses', element);
    if (statuses) {
      return statuses.indexOf(change.status) >= 0;
    }
    var types = words('data-live-types', element);
    return !types || types.indexOf(change.type) >= 0;
  }

  function inUse(element) {
    var focused = document.activeElement;
    return element.matches(':hover') || (focused !== element && element.contains(focused));
  }

  function notice(id) {
    var box = document.querySelector('[data-live-changes="' + id + '"]');
    return box && {
      text: box.querySelector('.live-changes-text'),
      button: box.querySelector('button')
    };
  }

  function say(id, text, offerRefresh) {
    var parts = notice(id);
    if (parts) {
      parts.text.textContent = text;
      parts.button.hidden = !offerRefresh;
    }
  }

  function describe(id) {
    var state = list(id);
    var parts = notice(id);
    if (!parts) {
      return;
    }
    var text = state.count === 0 ? parts.text.getAttribute('data-unknown')
      : state.count === 1 ? parts.text.getAttribute('data-one')
        : parts.text.getAttribute('data-many').replace('{0}', String(state.count));
    say(id, text, true);
  }

  function reload(id, focusAfter) {
    var state = list(id);
    var element = document.getElementById(id);
    clearTimeout(state.timer);
    state.timer = null;
    state.focus = state.focus || !!focusAfter;
    if (!element || state.inFlight) {
      return; // a reload under way: it takes the focus when it is done
    }
    state.last = Date.now();
    htmx.trigger(element, 'transfers-changed');
  }

  /** Reload soon, unless the user is in the list; in a "notice" list, only say so. */
  function consider(id) {
    var state = list(id);
    var element = document.getElementById(id);
    if (!element || (state.count === 0 && !state.unknown)) {
      return;
    }
    if (element.getAttribute('data-live-refresh') !== 'auto' || inUse(element) || state.inFlight) {
      describe(id);
      return;
    }
    if (!state.timer) {
      state.timer = setTimeout(function () {
        state.timer = null;
        if (inUse(element)) {
          describe(id);
        } else {
          reload(id, false);
        }
      }, Math.max(DEBOUNCE, state.last + SPACING - Date.now()));
    }
  }

  function changed(id, change) {
    var element = document.getElementById(id);
    if (!element || !alters(element, change)) {
      return;
    }
    var state = list(id);
    if (!state.changed[change.transferId]) {
      state.changed[change.transferId] = true;
      state.count++;
    }
    consider(id);
  }

  function mayHaveMissedChanges(id) {
    list(id).unknown = true;
    consider(id);
  }

  function followWhatThePageShows() {
    var wanted = {};
    document.querySelectorAll('[data-live]').forEach(function (element) {
      wanted[element.getAttribute('data-live')] = element.getAttribute('data-live-list') || '';
    });
    Object.keys(sources).forEach(function (url) {
      if (!(url in wanted)) {
        sources[url].close();
        delete sources[url];
      }
    });
    Object.keys(wanted).forEach(function (url) {
      if (sources[url] || !window.EventSource) {
        return;
      }
      var listId = wanted[url];
      var source = new EventSource(url);
      source.addEventListener('open', function () {
        indicate(true);
        var element = listId && document.getElementById(listId);
        if (element) {
          var state = list(listId);
          // the first opening follows the page's loading closely; a later one comes after an interruption (a list
          // the user reloads by hand is not told so: a false alarm every time the stream is renewed)
          if ((state.opened || Date.now() - state.loadedAt > 5000)
              && element.getAttribute('data-live-refresh') === 'auto') {
            mayHaveMissedChanges(listId);
          }
          state.opened = true;
        }
      });
      source.addEventListener('error', function () {
        // reconnecting by itself, or closed for good (the session ended, nothing left to follow, the service down)
        indicate(source.readyState === EventSource.OPEN);
      });
      source.addEventListener('status', function (event) {
        var change = JSON.parse(event.data);
        if (listId) {
          changed(listId, change);
        } else {
          htmx.trigger(document.body, 'transfer-status', change);
        }
      });
      source.addEventListener('dispute', function (event) {
        htmx.trigger(document.body, 'dispute-step', JSON.parse(event.data));
      });
      sources[url] = source;
    });
  }

  /** Without an open stream, a list with a fallback reloads now and then, and the stream is tried again. */
  function fallBack() {
    document.querySelectorAll('[data-live-list]').forEach(function (indicator) {
      var url = indicator.getAttribute('data-live');
      var id = indicator.getAttribute('data-live-list');
      var source = sources[url];
      if (source && source.readyState === 1) { // open
        return;
      }
      var element = document.getElementById(id);
      var seconds = element && Number(element.getAttribute('data-live-fallback'));
      if (seconds && Date.now() - list(id).loadedAt >= seconds * 1000 - 500) {
        mayHaveMissedChanges(id);
      }
      var state = list(id);
      if (source && source.readyState === 2 && Date.now() - state.retriedAt >= RETRY) {
        // closed: refused, or the transfer service was unavailable; once a minute it is asked again
        state.retriedAt = Date.now();
        delete sources[url];
        followWhatThePageShows();
      }
    });
  }

  // a list's reload: what was reported until it was asked for is in it; what arrives meanwhile is not
  document.addEventListener('htmx:beforeRequest', function (event) {
    var id = event.detail.elt && event.detail.elt.getAttribute('data-live-refresh') && event.detail.elt.id;
    if (id) {
      var state = list(id);
      state.inFlight = true;
      state.before = event.detail.elt.textContent;
      state.changed = {};
      state.count = 0;
      state.unknown = false;
    }
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    var id = event.detail.elt && event.detail.elt.getAttribute('data-live-refresh') && event.detail.elt.id;
    if (id && !event.detail.successful) {
      list(id).inFlight = false; // the session expired (htmx reloads the page) or the service failed: try later
      list(id).unknown = true;
      describe(id);
    }
  });

  /** A list shown: with the page, or reloaded. */
  function loaded(element) {
    var id = element.id;
    var state = list(id);
    var focus = state.focus;
    var reloaded = state.before !== null;
    state.inFlight = false;
    state.focus = false;
    state.loadedAt = Date.now();
    if (reloaded) {
      var parts = notice(id);
      // said only when something changed, or when the user asked
      var updated = parts && (focus || state.before !== element.textContent)
        ? parts.text.getAttribute('data-updated')
          .replace('{0}', new Date().toLocaleTimeString(document.documentElement.lang || undefined))
        : '';
      say(id, updated, false);
    }
    state.before = null;
    if (focus) {
      element.focus();
    }
    consider(id); // what changed while it reloaded
  }

  // leaving a list it did not reload while the user was in it: reload it now
  function left(event) {
    var element = event.target.closest && event.target.closest('[data-live-refresh="auto"]');
    if (element && !(event.relatedTarget && element.contains(event.relatedTarget))) {
      setTimeout(function () {
        consider(element.id);
      }, 0);
    }
  }
  document.addEventListener('mouseout', left);
  document.addEventListener('focusout', left);

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-live-changes] button');
    if (button) {
      reload(button.closest('[data-live-changes]').getAttribute('data-live-changes'), true);
    }
  });

  setInterval(fallBack, 10000);

  // the page once loaded, then every part htmx swaps in
  htmx.onLoad(function (root) {
    followWhatThePageShows();
    if (root.matches && root.matches('[data-live-refresh]')) {
      loaded(root);
    } else if (root.querySelectorAll) {
      root.querySelectorAll('[data-live-refresh]').forEach(loaded);
    }
  });
})();
