// Optional improvements; every page works without this file.
(function () {
  'use strict';
  // The error summary takes focus, so that it is read first (autofocus does it where supported).
  var summary = document.querySelector('.error-summary');
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
  // A link of the error summary moves focus to its field (not only the scroll position).
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('.error-summary a[href^="#"]') : null;
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      var group = field.closest('fieldset') || field.closest('.form-group');
      if (group) {
        group.scrollIntoView();
      }
    }
  });
})();
