// The school picker's autocomplete (collegium/schools/picker.py): the combobox pattern of
// the WAI-ARIA practices. Without this script the box still works: the server takes a URN or a
// single match and asks "Which school did you mean?" when there are several.

const DELAY_MS = 200;
let counter = 0;

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function combobox(input, searchUrl, onChoose) {
  counter += 1;
  const listId = `school-picker-list-${counter}`;
  const wrapper = element("div", { class: "app-school-picker__combobox" });
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);
  const list = element("ul", { id: listId, role: "listbox", class: "app-school-picker__list", hidden: "" });
  const status = element("div", { class: "govuk-visually-hidden", role: "status", "aria-live": "polite" });
  wrapper.append(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");
  let options = [];
  let active = -1;
  let timer = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
  }

  function choose(index) {
    const option = options[index];
    if (!option) return;
    onChoose(option.dataset.label);
    close();
  }

  function show(results) {
    list.replaceChildren();
    options = results.map((school, i) => {
      const option = element("li", {
        id: `${listId}-${i}`, role: "option", "aria-selected": "false",
        class: "app-school-picker__option", "data-label": school.label,
      }, school.label);
      option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
      list.appendChild(option);
      return option;
    });
    const shown = results.length > 0;
    list.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown));
    status.textContent = shown
      ? `${results.length} ${results.length === 1 ? "school" : "schools"} found. Use the up and down arrows to choose.`
      : "No schools found";
    active = -1;
  }

  async function search() {
    const query = input.value.trim();
    if (query.length < 2) { close(); return; }
    const response = await fetch(`${searchUrl}?q=${encodeURIComponent(query)}`, {
      credentials: "same-origin", headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const answer = await response.json();
    if (input.value.trim() === query) show(answer.results);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
}

function enhanceOne(picker) {
  const input = picker.querySelector("input[type=text]");
  if (input) combobox(input, picker.dataset.searchUrl, (label) => { input.value = label; });
}

function enhanceMany(picker) {
  const box = picker.querySelector("textarea");
  if (!box) return;
  counter += 1;
  const id = `school-picker-add-${counter}`;
  const group = element("div", { class: "govuk-form-group" });
  const label = element("label", { class: "govuk-label govuk-label--s", for: id }, "Find a school to add");
  const hint = element("div", { class: "govuk-hint", id: `${id}-hint` },
    "Type a school's name, town or URN and choose it from the list: it is added to the box below");
  const input = element("input", { class: "govuk-input", id, type: "text", "aria-describedby": `${id}-hint` });
  group.append(label, hint, input);
  picker.insertBefore(group, picker.firstChild);
  combobox(input, picker.dataset.searchUrl, (chosen) => {
    const lines = box.value.split("\n").map((line) => line.trim()).filter(Boolean);
    if (!lines.includes(chosen)) lines.push(chosen);
    box.value = lines.join("\n");
    input.value = "";
  });
}

for (const picker of document.querySelectorAll("[data-school-picker]")) {
  if (picker.dataset.schoolPicker === "many") enhanceMany(picker);
  else enhanceOne(picker);
}
