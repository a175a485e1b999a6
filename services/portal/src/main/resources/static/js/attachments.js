/*
 * Evidence for a dispute statement is listed by name and SHA-256 (the files stay with the party). Where the
 * browser can hash (Web Crypto: https or localhost), a file chosen here is read and hashed locally, never
 * uploaded, and its line is added to the attachments field as sha256sum prints it. Without this script, or
 * where the browser cannot hash, the field takes the lines typed or pasted from sha256sum.
 * A file of the portal's own, because the Content-Security-Policy allows no inline script.
 */
(function () {
  'use strict';

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }

  function enable(input) {
    var target = document.getElementById(input.getAttribute('data-hash-into'));
    var field = input.closest('.field');
    if (!target || !window.crypto || !window.crypto.subtle || !window.FileReader) {
      return;
    }
    if (field) {
      field.hidden = false;
    }
    input.addEventListener('change', function () {
      Array.prototype.forEach.call(input.files, function (file) {
        file.arrayBuffer().then(function (bytes) {
          return window.crypto.subtle.digest('SHA-256', bytes);
        }).then(function (digest) {
          var line = hex(digest) + '  ' + file.name.replace(/[\r\n]/g, ' ');
          target.value = target.value.trim() === '' ? line : target.value.replace(/\s+$/, '') + '\n' + line;
        });
      });
      input.value = '';
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[type=file][data-hash-into]').forEach(enable);
  });
})();
