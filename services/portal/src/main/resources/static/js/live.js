/*
 * Live updates. An element with data-live names the portal's stream of the transfers its page shows
 * (/live?transfer=<id>@<version>…, server-sent events relayed by the portal with the user's token, which
 * the browser never holds). On each "status" event this asks htmx to reload the parts of the page that
 * listen (hx-trigger="transfer-status from:body"); #live-indicator says whether updates are flowing.
 * A file of the portal's own, because the Content-Security-Policy allows no inline script.
 */
(function () {
  'use strict';

  var sources = {}; // stream URL -> EventSource

  function indicate(live) {
    var indicator = document.getElementById('live-indicator');
    if (indicator) {
      indicator.textContent = indicator.getAttribute(live ? 'data-on' : 'data-off') || '';
      indicator.classList.toggle('on', live);
    }
  }

  function followWhatThePageShows() {
    var wanted = {};
    document.querySelectorAll('[data-live]').forEach(function (element) {
      wanted[element.getAttribute('data-live')] = true;
    });
    Object.keys(sources).forEach(function (url) {
      if (!wanted[url]) {
        sources[url].close();
        delete sources[url];
      }
    });
    Object.keys(wanted).forEach(function (url) {
      if (sources[url]) {
        return;
      }
      var source = new EventSource(url);
      source.addEventListener('open', function () {
        indicate(true);
      });
      source.addEventListener('error', function () {
        // reconnecting by itself, or closed for good (the session ended, nothing left to follow)
        indicate(source.readyState === EventSource.OPEN);
      });
      source.addEventListener('status', function (event) {
        htmx.trigger(document.body, 'transfer-status', JSON.parse(event.data));
      });
      sources[url] = source;
    });
  }

  // the page once loaded, then every part htmx swaps in (an inbox that now lists other transfers)
  htmx.onLoad(followWhatThePageShows);
})();
