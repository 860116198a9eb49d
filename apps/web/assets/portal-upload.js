// The reply form of the portal, improved: the chosen files with their sizes, and the progress of the
// upload. Without this file the form posts as usual (its one-time key makes a repeat harmless).
(function () {
  'use strict';
  var form = document.getElementById('reply-form');
  var input = document.getElementById('attachments');
  var list = document.getElementById('chosen-files');
  var progress = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-progress-bar');
  if (!form || !input || !list || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var lang = document.documentElement.lang || 'en';
  function size(bytes) {
    try {
      var kilobytes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
      var megabytes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
      return bytes >= 1000000
        ? megabytes.format(bytes / 1000000)
        : kilobytes.format(Math.max(1, Math.round(bytes / 1000)));
    } catch (error) {
      return String(bytes);
    }
  }
  input.addEventListener('change', function () {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    Array.prototype.forEach.call(input.files || [], function (file) {
      var item = document.createElement('li');
      item.textContent = file.name + ' (' + size(file.size) + ')';
      list.appendChild(item);
    });
  });
  var sending = false;
  form.addEventListener('submit', function (event) {
    if (sending) {
      event.preventDefault();
      return;
    }
    if (!input.files || input.files.length === 0 || !progress || !bar) {
      sending = true;
      return;
    }
    event.preventDefault();
    sending = true;
    progress.hidden = false;
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (step) {
      if (step.lengthComputable) {
        bar.value = Math.round((step.loaded / step.total) * 100);
      }
    });
    request.addEventListener('load', function () {
      if (request.status === 200 && request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
      } else {
        // A refusal: the form again, as the server shows it (the same one-time key, nothing recorded).
        form.submit();
      }
    });
    request.addEventListener('error', function () {
      form.submit();
    });
    request.send(new FormData(form));
  });
})();
