/*
 * A Web Worker for pages opened from file://, where browsers refuse real workers: Material's search
 * worker runs in a hidden iframe of the same page instead. It does what the iframe-worker package does,
 * but writes no inline script into the frame (the frame is given its postMessage and importScripts from
 * here, and the worker's script is loaded by URL), so the page's Content-Security-Policy, which the
 * frame inherits and which allows scripts only from the site itself, holds there too.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") { return; }

  function loadInto(frame, urls) {
    // importScripts: the scripts one after another, each by URL; resolves once the last has run
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = frame.document.createElement("script");
          script.src = new URL(String(url), document.baseURI).href;
          script.onload = resolve;
          script.onerror = reject;
          frame.document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.iframe = document.createElement("iframe");
      this.iframe.hidden = true;
      document.body.appendChild(this.iframe);
      var frame = this.iframe.contentWindow;
      var worker = this;
      frame.postMessage = function (data) {
        window.setTimeout(function () { worker.deliver(structuredClone(data)); }, 0);
      };
      frame.importScripts = function () { return loadInto(frame, Array.prototype.slice.call(arguments)); };
      frame.addEventListener("error", function (event) { worker.fail(event); });
      this.ready = loadInto(frame, [url]);
      this.ready.catch(function (event) { worker.fail(event); });
    }

    deliver(data) {
      var event = new MessageEvent("message", { data: data });
      this.dispatchEvent(event);
      if (this.onmessage) { this.onmessage(event); }
    }

    fail(cause) {
      var event = new ErrorEvent("error", { message: String(cause && cause.message || cause), error: cause });
      this.dispatchEvent(event);
      if (this.onerror) { this.onerror(event); }
    }

    postMessage(data) {
      var frame = this.iframe.contentWindow;
      this.ready.then(function () {
        frame.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      }, function () { /* reported by fail() */ });
    }

    terminate() {
      this.iframe.remove();
    }
  }

  window.Worker = FileWorker;
})();
