/*
 * Elderly-friendly mode (长者模式) toggle.
 *
 * The header form works without JavaScript (it asks /elderly-mode/ to set the
 * cookie and come back). With JavaScript we flip the cookie and the class on
 * <html> in place, so the reader keeps their scroll position. The server reads
 * the same cookie (gongkai_elderly=1) and sets the class before the page is sent.
 */
(function () {
  "use strict";

  var COOKIE = "gongkai_elderly";
  var MAX_AGE = 365 * 24 * 3600;
  var CLASS_NAME = "elderly";
  var LABEL_ON = "关闭长者模式";
  var LABEL_OFF = "长者模式";

  function setCookie(on) {
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    if (on) {
      document.cookie = COOKIE + "=1; Path=/; Max-Age=" + MAX_AGE + "; SameSite=Lax" + secure;
    } else {
      document.cookie = COOKIE + "=; Path=/; Max-Age=0; SameSite=Lax" + secure;
    }
  }

  function render(form, on) {
    var button = form.querySelector("button");
    var onField = form.querySelector("input[name=on]");
    document.documentElement.classList.toggle(CLASS_NAME, on);
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? LABEL_ON : LABEL_OFF;
    }
    if (onField) {
      onField.value = on ? "0" : "1";
    }
  }

  function init() {
    var forms = document.querySelectorAll("form[data-elderly-toggle]");
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var on = !document.documentElement.classList.contains(CLASS_NAME);
        setCookie(on);
        render(form, on);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
