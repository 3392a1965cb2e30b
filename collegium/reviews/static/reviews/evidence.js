// Autosave for evidence notes (R4). The form works without this script (a normal Save button);
// with it, the note is saved as the reviewer types, one second after they pause. Until the
// server confirms a save, the text is kept in localStorage, so a dropped connection or a closed
// tab loses nothing: the draft is put back in the form and saved when the page opens again.
// A save based on an older revision is refused by the server (409); the reviewer then chooses
// which version to keep. Every outcome is announced in the form's aria-live status line.

const PAUSE_MS = 1000;
const RETRY_MS = 5000;
const OFFLINE = "Not saved: you are offline — your note is kept on this device";
const SIGNED_OUT =
  "Not saved: you have been signed out — your note is kept on this device. Sign in again to save it.";
const FAILED =
  "Not saved: the service could not save your note — it is kept on this device and will be saved again shortly";

const storage = {
  read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch {
      return null;
    }
  },
  write(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage is full or switched off: the server's copy is then the only one.
    }
  },
};

function sameDraft(a, b) {
  return Boolean(a && b) && a.text === b.text && a.strands.join() === b.strands.join() && a.activity === b.activity;
}

function button(text, onClick) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "govuk-button govuk-button--secondary";
  element.textContent = text;
  element.addEventListener("click", onClick);
  return element;
}

class Autosave {
  constructor(form) {
    this.form = form;
    this.key = form.dataset.autosaveKey;
    this.url = form.dataset.autosaveUrl;
    this.status = form.querySelector("[data-autosave-status]");
    this.choices = document.createElement("div");
    this.choices.className = "govuk-button-group";
    this.status.after(this.choices);
    this.timer = null;
    this.lastSaved = null; // the last state the server confirmed
    this.saving = false;
    this.again = false;
    this.submitAfter = false;
    this.conflict = null;
  }

  field(name) {
    return this.form.elements.namedItem(name);
  }

  strandBoxes() {
    return Array.from(this.form.querySelectorAll("input[name=strands]"));
  }

  show(message) {
    this.status.textContent = message;
  }

  state() {
    const activity = this.field("activity");
    return {
      text: this.field("text").value,
      strands: this.strandBoxes().filter((box) => box.checked).map((box) => box.value).sort(),
      activity: activity ? activity.value : "",
      note: this.field("note").value,
      base: this.field("base_revision").value,
    };
  }

  fill(draft) {
    this.field("text").value = draft.text;
    this.strandBoxes().forEach((box) => {
      box.checked = draft.strands.includes(box.value);
    });
    if (this.field("activity")) this.field("activity").value = draft.activity;
    this.field("note").value = draft.note;
    this.field("base_revision").value = draft.base;
  }

  schedule(delay) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), delay);
  }

  async save() {
    if (this.conflict || !this.field("text").value.trim()) return;
    if (this.saving) {
      this.again = true;
      return;
    }
    this.saving = true;
    const sent = this.state();
    try {
      const response = await fetch(this.url, {
        method: "POST",
        body: new FormData(this.form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      await this.answer(response, sent);
    } catch {
      this.show(OFFLINE);
      this.schedule(RETRY_MS);
    } finally {
      this.saved();
    }
  }

  saved() {
    this.saving = false;
    if (this.submitAfter) this.form.submit();
    else if (this.again) {
      this.again = false;
      this.schedule(PAUSE_MS);
    }
  }

  async answer(response, sent) {
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("application/json") ? await response.json() : null;
    if (response.ok && body) this.confirmed(sent, body);
    else if (response.status === 409 && body) this.clash(body);
    else if (response.status === 400 && body) this.show(body.message);
    else if (response.redirected || response.status === 403) this.show(SIGNED_OUT);
    else {
      this.show(FAILED);
      this.schedule(RETRY_MS);
    }
  }

  confirmed(sent, body) {
    this.lastSaved = sent;
    this.field("note").value = body.note;
    this.field("base_revision").value = body.revision;
    const draft = storage.read(this.key);
    if (sameDraft(draft, sent)) storage.write(this.key, null);
    else if (draft) storage.write(this.key, { ...draft, note: String(body.note), base: String(body.revision) });
    this.show(body.message);
  }

  clash(body) {
    this.conflict = body;
    this.show(body.message);
    this.choices.replaceChildren(
      button("Keep my version", () => this.resolve(false)),
      button("Use their version", () => this.resolve(true)),
    );
  }

  resolve(theirs) {
    const { text, strands, revision } = this.conflict;
    this.conflict = null;
    this.choices.replaceChildren();
    this.field("base_revision").value = revision;
    if (theirs) {
      this.fill({ ...this.state(), text, strands: strands.map(String), base: String(revision) });
      storage.write(this.key, null);
      this.show("You are now changing their version");
    } else {
      storage.write(this.key, this.state());
      this.save();
    }
  }

  changed() {
    // A late "change" event (the note box losing focus) after the save was confirmed is not an
    // edit: keeping it as unsaved would bring the saved note back into the next new-note form.
    if (sameDraft(this.lastSaved, this.state())) return;
    storage.write(this.key, this.state());
    if (!this.conflict) this.schedule(PAUSE_MS);
  }

  submitted(event) {
    window.clearTimeout(this.timer);
    if (!navigator.onLine) {
      event.preventDefault();
      storage.write(this.key, this.state());
      this.show(OFFLINE);
    } else if (this.saving) {
      event.preventDefault();
      this.submitAfter = true;
    } else {
      storage.write(this.key, null);
    }
  }

  restore() {
    const draft = storage.read(this.key);
    if (!draft) return;
    if (sameDraft(draft, this.state())) {
      storage.write(this.key, null);
      return;
    }
    this.fill(draft);
    this.show("Your unsaved note has been put back from this device — saving it now");
    this.save();
  }

  start() {
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("submit", (event) => this.submitted(event));
    window.addEventListener("online", () => {
      if (storage.read(this.key)) this.save();
    });
    this.restore();
  }
}

document.querySelectorAll("form[data-autosave-url]").forEach((form) => new Autosave(form).start());
