// adr site: status and tag filters and full-text search on the index page.
// Plain JavaScript, no framework. The search index is window.ADR_SEARCH, written by
// `adr site` into search-index.js (a script, not a fetch, so it also works from file://):
// one entry per table row, in the same order: {s: status, g: [tags], x: lower-case text}.
(function () {
  "use strict";
  var table = document.getElementById("adr-table");
  var form = document.getElementById("controls");
  if (!table || !form) {
    return;
  }
  var data = window.ADR_SEARCH || [];
  var rows = table.tBodies[0].rows;
  var search = document.getElementById("search");
  var status = document.getElementById("status-filter");
  var tag = document.getElementById("tag-filter");
  var count = document.getElementById("count");
  var none = document.getElementById("no-match");

  function terms() {
    return search.value.toLowerCase().split(/\s+/).filter(function (word) {
      return word.length > 0;
    });
  }

  function matches(entry, wantStatus, wantTag, words) {
    if (!entry) {
      return false;
    }
    if (wantStatus && entry.s !== wantStatus) {
      return false;
    }
    if (wantTag && entry.g.indexOf(wantTag) < 0) {
      return false;
    }
    return words.every(function (word) {
      return entry.x.indexOf(word) >= 0;
    });
  }

  function remember() {
    var parts = [];
    if (search.value) {
      parts.push("q=" + encodeURIComponent(search.value));
    }
    if (status.value) {
      parts.push("status=" + encodeURIComponent(status.value));
    }
    if (tag.value) {
      parts.push("tag=" + encodeURIComponent(tag.value));
    }
    var target = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try {
      history.replaceState(null, "", target);
    } catch (error) {
      // Some browsers refuse replaceState on file:// pages; the filter still works.
    }
  }

  function apply() {
    var words = terms();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var entry = data[Number(rows[i].getAttribute("data-i"))];
      var visible = matches(entry, status.value, tag.value, words);
      rows[i].hidden = !visible;
      if (visible) {
        shown++;
      }
    }
    count.textContent = shown + " of " + rows.length + " shown";
    none.hidden = shown > 0;
  }

  function restore() {
    var pairs = location.hash.replace(/^#/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var pair = pairs[i].split("=");
      var value = decodeURIComponent(pair.slice(1).join("=") || "");
      if (pair[0] === "q") {
        search.value = value;
      } else if (pair[0] === "status") {
        status.value = value;
      } else if (pair[0] === "tag") {
        tag.value = value;
      }
    }
  }

  function update() {
    apply();
    remember();
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  search.addEventListener("input", update);
  status.addEventListener("change", update);
  tag.addEventListener("change", update);
  try {
    restore();
  } catch (error) {
    // A malformed fragment: start unfiltered.
  }
  apply();
})();
