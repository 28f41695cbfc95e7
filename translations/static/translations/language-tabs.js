// One language at a time on a translated admin form (translations/admin.py,
// LanguageTabsMixin). The server renders the tabs, hidden, with each
// translation's state; this script shows them and hides the rows and
// inline columns of the other languages. Without it every language shows,
// as before. Keyboard: the tabs are one stop, arrow keys move between them
// (the WAI-ARIA tabs pattern). A static file: the CSP allows no inline script.
(function () {
  "use strict";

  function languageOf(element, languages) {
    // modeltranslation names translated inputs "<field>_<language>".
    const name = element.getAttribute("name") || "";
    const suffix = name.split("-").pop();
    return languages.find((code) => suffix.endsWith("_" + code)) || null;
  }

  function rowsByLanguage(form, languages) {
    const rows = new Map(languages.map((code) => [code, new Set()]));
    for (const input of form.querySelectorAll(".mt[name]")) {
      const language = languageOf(input, languages);
      if (!language) continue;
      // A table cell (tabular inline), a box on a shared line (place and
      // date), or the field's own row.
      const cell = input.closest("td");
      const row = cell || input.closest(".fieldBox") || input.closest(".form-row");
      if (row) rows.get(language).add(row);
      if (cell) {
        // The column's header in a tabular inline: "column-<field>_<lang>".
        const field = input.getAttribute("name").split("-").pop();
        const table = cell.closest("table");
        for (const header of table.querySelectorAll("th.column-" + CSS.escape(field))) {
          rows.get(language).add(header);
        }
      }
    }
    return rows;
  }

  function setUp(tablist) {
    const form = tablist.closest("form");
    const tabs = Array.from(tablist.querySelectorAll("[role=tab]"));
    const languages = tabs.map((tab) => tab.dataset.language);
    const rows = rowsByLanguage(form, languages);

    function select(tab, focus) {
      for (const other of tabs) {
        const chosen = other === tab;
        other.setAttribute("aria-selected", String(chosen));
        other.tabIndex = chosen ? 0 : -1;
        for (const row of rows.get(other.dataset.language)) {
          row.classList.toggle("language-hidden", !chosen);
        }
      }
      if (focus) tab.focus();
    }

    tablist.addEventListener("click", (event) => {
      const tab = event.target.closest("[role=tab]");
      if (tab) select(tab, false);
    });
    tablist.addEventListener("keydown", (event) => {
      const index = tabs.indexOf(document.activeElement);
      if (index < 0) return;
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index };
      if (!(event.key in moves)) return;
      event.preventDefault();
      select(tabs[(index + moves[event.key] + tabs.length) % tabs.length], true);
    });

    // A language whose rows hold an error is the one to show first.
    const withError = tabs.find((tab) =>
      Array.from(rows.get(tab.dataset.language)).some((row) => row.querySelector(".errorlist")),
    );
    for (const tab of tabs) {
      const hasError = Array.from(rows.get(tab.dataset.language)).some((row) =>
        row.querySelector(".errorlist"),
      );
      tab.classList.toggle("language-tab-error", hasError);
    }
    tablist.hidden = false;
    select(withError || tabs[0], false);
  }

  function start() {
    document.querySelectorAll(".language-tabs [role=tablist]").forEach(setUp);
    document.querySelectorAll(".language-tabs").forEach((box) => (box.hidden = false));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
