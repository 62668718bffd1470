// The rationale box of the claimcheck review card. What is typed belongs to the claim the card
// showed while it was typed: the text is sent with that claim's id when the box loses the focus
// (before any click elsewhere is handled) and before the card changes to another claim.
// Ctrl+Enter (or Cmd+Enter) saves and asks for the next open claim.

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "cc-rationale";
  const label = document.createElement("label");
  label.className = "cc-rationale-label";
  const area = document.createElement("textarea");
  area.rows = 2;
  area.setAttribute("aria-label", "Rationale");
  const state = document.createElement("span");
  state.className = "cc-rationale-state";
  state.setAttribute("aria-live", "polite");
  label.append(document.createTextNode(""), state);
  root.append(label, area);
  el.appendChild(root);

  let claim = null; // the claim the text in the box belongs to
  let dirty = false;

  function flush() {
    if (!dirty || claim === null) return;
    dirty = false;
    model.send({ type: "rationale", claim, text: area.value });
    state.textContent = "saving…";
  }

  function load() {
    flush(); // what was typed for the claim shown until now goes to that claim
    const value = model.get("claim") || {};
    claim = value.id ?? null;
    area.value = value.text || "";
    area.disabled = claim === null || Boolean(value.locked);
    area.placeholder = value.placeholder || "";
    label.firstChild.textContent = value.label || "Rationale";
    state.textContent = value.state || "";
  }

  area.addEventListener("input", () => {
    dirty = true;
    state.textContent = "not saved yet";
  });
  area.addEventListener("change", flush);
  area.addEventListener("blur", flush);
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      flush();
      model.send({ type: "next", claim });
    }
  });
  model.on("change:claim", load);
  load();
  return () => flush();
}

export default { render };
