// No lost text: while an editor types, this browser keeps a copy of the
// form in localStorage (nothing goes to the server). After a crash or a
// closed tab the form offers the copy back; a successful save drops it.
// A static file, loaded with the admin's nonce: the CSP allows no inline script.
(function () {
  "use strict";

  const PREFIX = "embassy-unsaved:";
  const PENDING = "embassy-unsaved-pending";
  const editors = new Map(); // textarea name -> rich-text editor (django-prose-editor)

  document.addEventListener("prose-editor:ready", (event) => {
    editors.set(event.detail.textarea.name, event.detail.editor);
  });

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null; // storage disabled: the form works as before
    }
  }

  function fields(form) {
    return Array.from(form.elements).filter(
      (el) =>
        el.name &&
        !["hidden", "file", "password", "submit", "button"].includes(el.type) &&
        el.name !== "csrfmiddlewaretoken",
    );
  }

  function valueOf(el) {
    if (el.type === "checkbox" || el.type === "radio") return el.checked;
    if (el.multiple) return Array.from(el.selectedOptions).map((option) => option.value);
    return el.value;
  }

  function snapshot(form) {
    const values = {};
    for (const el of fields(form)) {
      if (el.type === "radio") {
        if (el.checked) values[el.name] = el.value;
      } else {
        values[el.name] = valueOf(el);
      }
    }
    return values;
  }

  function restore(form, values) {
    const current = snapshot(form);
    for (const el of fields(form)) {
      if (!(el.name in values)) continue;
      const value = values[el.name];
      // Only what differs: a "change" on an untouched field (the address)
      // would stop the admin from filling it in from the title.
      if (el.type !== "radio" && JSON.stringify(value) === JSON.stringify(current[el.name])) continue;
      if (el.type === "radio") el.checked = el.value === value;
      else if (el.type === "checkbox") el.checked = Boolean(value);
      else if (el.multiple) {
        for (const option of el.options) option.selected = value.includes(option.value);
      } else el.value = value;
      const editor = editors.get(el.name);
      if (editor) editor.commands.setContent(value);
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function differs(saved, current) {
    return Object.keys(saved).some(
      (name) => name in current && JSON.stringify(saved[name]) !== JSON.stringify(current[name]),
    );
  }

  function offer(form, key, copy, store) {
    const box = document.createElement("div");
    box.className = "unsaved-copy";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", form.dataset.unsavedLabel);
    const text = document.createElement("p");
    text.textContent = form.dataset.unsavedFound.replace(
      "{time}",
      new Date(copy.savedAt).toLocaleString(),
    );
    const bring = document.createElement("button");
    bring.type = "button";
    bring.className = "button";
    bring.textContent = form.dataset.unsavedRestore;
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "button";
    drop.textContent = form.dataset.unsavedDiscard;
    bring.addEventListener("click", () => {
      restore(form, copy.values);
      text.textContent = form.dataset.unsavedRestored;
      bring.remove();
      drop.remove();
    });
    drop.addEventListener("click", () => {
      store.removeItem(key);
      box.remove();
    });
    box.append(text, bring, " ", drop);
    form.prepend(box);
  }

  function start() {
    const store = storage();
    // The form's settings and words: templates/admin/releases/publishable_change_form.html.
    const settings = document.querySelector("[data-unsaved-copy]");
    const form = settings && settings.closest("form");
    if (form) Object.assign(form.dataset, settings.dataset);
    const pending = window.sessionStorage.getItem(PENDING);
    if (pending) {
      window.sessionStorage.removeItem(PENDING);
      const refused = form && form.dataset.unsavedCopy === pending && document.querySelector(".errornote");
      if (store && !refused && document.querySelector(".messagelist .success")) {
        store.removeItem(PREFIX + pending); // saved: the copy is no longer needed
      }
    }
    if (!store || !form) return;
    const key = PREFIX + form.dataset.unsavedCopy;
    let copy = null;
    try {
      copy = JSON.parse(store.getItem(key) || "null");
    } catch {
      store.removeItem(key);
    }
    // A form sent back with errors already holds what was typed (the server kept it).
    if (copy && !document.querySelector(".errornote")) {
      // Offer it once the rich-text editors are up, so that they can take it.
      window.setTimeout(() => {
        if (differs(copy.values, snapshot(form))) offer(form, key, copy, store);
      }, 300);
    }
    let timer = null;
    const keep = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        try {
          store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: snapshot(form) }));
        } catch {
          // Storage full: nothing to do; the server-side form still works.
        }
      }, 400);
    };
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("submit", () => {
      window.clearTimeout(timer);
      store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: snapshot(form) }));
      window.sessionStorage.setItem(PENDING, form.dataset.unsavedCopy);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
