// The claim list of the claimcheck review panel: one row per claim, wrapped, with its number,
// its verdict in words on a coloured chip, its type and what happened to the event. A click
// selects the claim; the list then keeps the focus, so the panel's keys go on working.
// Text is written with textContent only.

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "cc-list";
  root.tabIndex = -1;
  const list = document.createElement("ol");
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Claims");
  const empty = document.createElement("div");
  empty.className = "cc-list-empty";
  root.append(list, empty);
  el.appendChild(root);

  function span(className, text) {
    const node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  let drawn = []; // the items on screen, as JSON, in order

  function rowOf(item) {
      const row = document.createElement("li");
      row.setAttribute("role", "option");
      row.dataset.id = String(item.id);
      const head = document.createElement("div");
      head.className = "cc-li-head";
      head.append(span("cc-li-n", String(item.n)));
      const chip = span("cc-chip", item.chip);
      if (item.chip_colour) {
        chip.classList.add("cc-chip-verdict");
        chip.style.setProperty("--cc-colour", item.chip_colour);
      }
      head.append(chip);
      const type = span("cc-type", item.type_label);
      type.style.setProperty("--cc-colour", item.colour);
      type.style.setProperty("--cc-line", item.line || "solid");
      head.append(type);
      if (item.event) head.append(span("cc-li-event", item.event));
      const text = document.createElement("div");
      text.className = "cc-li-text";
      text.textContent = item.text;
      row.title = item.text;
      row.append(head, text);
      return row;
  }

  function draw() {
    const items = model.get("items") || [];
    const json = items.map((item) => JSON.stringify(item));
    const sameRows =
      json.length === drawn.length && items.every((item, i) => JSON.parse(drawn[i]).id === item.id);
    if (sameRows) {
      // A verdict changes one row: replace that one, not the whole list.
      json.forEach((text, i) => {
        if (text !== drawn[i]) list.children[i].replaceWith(rowOf(items[i]));
      });
    } else {
      list.replaceChildren(...items.map(rowOf));
    }
    drawn = json;
    empty.replaceChildren();
    if (!items.length && model.get("empty")) {
      empty.append(span("", model.get("empty") + " "));
      const clear = document.createElement("button");
      clear.type = "button";
      clear.className = "cc-list-clear";
      clear.textContent = "Show all claims";
      clear.addEventListener("click", () => model.send({ type: "clear_filters" }));
      empty.append(clear);
    }
    mark();
  }

  function mark() {
    const selected = String(model.get("selected"));
    for (const row of list.children) {
      const on = row.dataset.id === selected;
      row.classList.toggle("cc-li-selected", on);
      row.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        const top = row.offsetTop - list.offsetTop;
        if (top < root.scrollTop || top + row.offsetHeight > root.scrollTop + root.clientHeight) {
          root.scrollTop = Math.max(0, top - root.clientHeight / 3);
        }
      }
    }
  }

  list.addEventListener("click", (event) => {
    const row = event.target.closest("li[data-id]");
    if (!row) return;
    root.focus({ preventScroll: true });
    model.set("selected", Number(row.dataset.id));
    model.save_changes();
  });

  model.on("change:items", draw);
  model.on("change:empty", draw);
  model.on("change:selected", mark);
  draw();
}

export default { render };
