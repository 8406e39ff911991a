/* A Web Worker stand-in for pages opened from disk (file://), where browsers refuse to start
 * workers. The worker script runs in a hidden same-origin iframe; messages pass both ways.
 * Written for this project; loaded from the site folder so nothing is fetched from outside. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      (doc.head || doc.documentElement).appendChild(script);
    });
  }

  function FileWorker(url) {
    var worker = this;
    var listeners = { message: [], error: [] };
    var pending = [];
    var ready = false;
    var base = new URL(String(url), location.href);
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "worker";
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    this.onmessage = null;
    this.onerror = null;
    this.addEventListener = function (type, fn) { (listeners[type] = listeners[type] || []).push(fn); };
    this.removeEventListener = function (type, fn) {
      listeners[type] = (listeners[type] || []).filter(function (f) { return f !== fn; });
    };
    function emit(type, event) {
      var handler = worker["on" + type];
      if (typeof handler === "function") handler.call(worker, event);
      (listeners[type] || []).forEach(function (fn) { fn.call(worker, event); });
    }
    function deliver(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    /* The worker's own globals. */
    scope.postMessage = function (data) {
      setTimeout(function () { emit("message", new MessageEvent("message", { data: data })); }, 0);
    };
    /* Scripts load side by side (the search's scripts only hand data to functions already
     * defined, in any order); the promise settles once all have run. */
    scope.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return Promise.all(urls.map(function (src) { return loadScript(scope.document, new URL(src, base).href); }));
    };
    scope.close = function () {};

    this.postMessage = function (data) {
      if (ready) deliver(data); else pending.push(data);
    };
    this.terminate = function () { frame.remove(); };

    loadScript(scope.document, base.href).then(function () {
      ready = true;
      pending.splice(0).forEach(deliver);
    }, function (error) {
      emit("error", new ErrorEvent("error", { message: error.message }));
    });
  }

  window.Worker = FileWorker;
})();
