// The article view of the claimcheck review panel.
//
// Draws the article with every claim highlighted in its type's colour and line style, the
// verdict badges (numbered, so a badge names its claim when claims nest or overlap), dims the
// claims outside the filters, reports clicks on highlights and badges and text selections to
// Python, and turns the panel's keyboard shortcuts into messages. All text goes into the page
// through textContent: nothing from the article is ever parsed as HTML.
//
// Offsets from Python count code points; JavaScript strings count UTF-16 units, so the text is
// split with Array.from and selection offsets are converted back.

const KEYS = new Set(["n", "j", "p", "k", "s", "u", "?"]);

function segmentsOf(length, spans) {
  // Cut [0, length) where any claim starts or ends; each piece knows the claims covering it,
  // innermost (shortest) first.
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const byStart = spans.slice().sort((a, b) => a.start - b.start);
  const open = [];
  let next = 0;
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (next < byStart.length && byStart[next].start <= a) open.push(byStart[next++]);
    for (let j = open.length - 1; j >= 0; j--) if (open[j].end <= a) open.splice(j, 1);
    const covering = open.filter((s) => s.start <= a && s.end >= b);
    covering.sort((x, y) => x.end - x.start - (y.end - y.start));
    out.push({ start: a, end: b, claims: covering });
  }
  return out;
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "cc-article";
  root.setAttribute("role", "document");
  root.setAttribute("aria-label", "Article with its claims highlighted");
  el.appendChild(root);
  let marksById = new Map();
  let lastMarkById = new Map();
  let numberById = new Map();

  function draw() {
    const chars = Array.from(model.get("text") || "");
    const spans = model.get("spans") || [];
    root.replaceChildren();
    marksById = new Map();
    lastMarkById = new Map();
    numberById = new Map(spans.map((s) => [s.id, s.n]));
    const frag = document.createDocumentFragment();
    for (const seg of segmentsOf(chars.length, spans)) {
      const piece = chars.slice(seg.start, seg.end).join("");
      if (!seg.claims.length) {
        const plain = document.createElement("span");
        plain.dataset.start = String(seg.start);
        plain.textContent = piece;
        frag.appendChild(plain);
        continue;
      }
      const inner = seg.claims[0];
      const mark = document.createElement("mark");
      mark.className = "cc-claim";
      mark.dataset.start = String(seg.start);
      mark.dataset.ids = seg.claims.map((c) => c.id).join(",");
      mark.dataset.type = inner.type;
      mark.style.setProperty("--cc-colour", inner.colour);
      mark.style.setProperty("--cc-line", inner.line || "solid");
      mark.title = seg.claims.map((c) => `${c.n}. ${c.title}`).join("\n");
      if (seg.claims.length > 1) {
        // The next claim out is drawn as a second line under the first.
        const outer = seg.claims[1];
        mark.classList.add("cc-overlap");
        mark.style.setProperty("--cc-outer-colour", outer.colour);
        mark.style.setProperty("--cc-outer-line", outer.line || "solid");
      }
      mark.textContent = piece;
      frag.appendChild(mark);
      for (const c of seg.claims) {
        if (!marksById.has(c.id)) marksById.set(c.id, []);
        marksById.get(c.id).push(mark);
      }
      for (const c of seg.claims) if (c.end === seg.end) lastMarkById.set(c.id, mark);
    }
    root.appendChild(frag);
    drawBadges(true);
    dim();
    outline();
  }

  let shownBadges = {}; // claim id -> "text colour" of the badge on screen

  function drawBadges(all) {
    // A label after each reviewed claim: its number and its verdict in words. Only the badges
    // that changed are redrawn (a verdict changes one), unless the article was drawn anew.
    const badges = model.get("badges") || {};
    if (all) shownBadges = {};
    for (const old of root.querySelectorAll(".cc-badge")) {
      const id = old.dataset.claim;
      if (!badges[id] || badges[id].join(" ") !== shownBadges[id]) {
        old.remove();
        delete shownBadges[id];
      }
    }
    const entries = Object.entries(badges).filter(([id]) => shownBadges[id] === undefined);
    for (const [id, [text, colour]] of entries) {
      const mark = lastMarkById.get(Number(id));
      if (!mark) continue;
      shownBadges[id] = `${text} ${colour}`;
      const badge = document.createElement("span");
      badge.className = "cc-badge";
      badge.dataset.claim = id;
      badge.style.setProperty("--cc-colour", colour);
      const number = document.createElement("b");
      number.className = "cc-badge-n";
      number.textContent = String(numberById.get(Number(id)) || "");
      badge.append(number, text);
      badge.title = `claim ${number.textContent}: ${text}`;
      // After the claim's last piece, and after the badges of claims before it that end there.
      const n = numberById.get(Number(id)) || 0;
      let anchor = mark;
      while (
        anchor.nextSibling?.classList?.contains("cc-badge") &&
        (numberById.get(Number(anchor.nextSibling.dataset.claim)) || 0) < n
      ) {
        anchor = anchor.nextSibling;
      }
      anchor.after(badge);
    }
  }

  function dim() {
    const dimmed = new Set(model.get("dimmed") || []);
    for (const mark of root.querySelectorAll("mark.cc-claim")) {
      const ids = mark.dataset.ids.split(",").map(Number);
      mark.classList.toggle("cc-dim", ids.every((id) => dimmed.has(id)));
    }
    for (const badge of root.querySelectorAll(".cc-badge")) {
      badge.classList.toggle("cc-dim", dimmed.has(Number(badge.dataset.claim)));
    }
  }

  function outline() {
    for (const m of root.querySelectorAll("mark.cc-selected")) m.classList.remove("cc-selected");
    const marks = marksById.get(model.get("selected")) || [];
    for (const m of marks) m.classList.add("cc-selected");
    if (marks.length && model.get("scroll")) {
      // Scroll the article box only, never the notebook around it.
      const top = marks[0].offsetTop;
      const bottom = marks[marks.length - 1].offsetTop + marks[marks.length - 1].offsetHeight;
      if (top < root.scrollTop || bottom > root.scrollTop + root.clientHeight) {
        root.scrollTop = Math.max(0, top - root.clientHeight / 3);
      }
    }
  }

  function hover(id, on) {
    for (const m of marksById.get(id) || []) m.classList.toggle("cc-hover", on);
  }

  root.addEventListener("click", (event) => {
    const badge = event.target.closest(".cc-badge");
    if (badge) {
      model.set("selected", Number(badge.dataset.claim));
      model.save_changes();
      return;
    }
    const mark = event.target.closest("mark.cc-claim");
    if (!mark || !window.getSelection().isCollapsed) return;
    const ids = mark.dataset.ids.split(",").map(Number);
    const current = ids.indexOf(model.get("selected"));
    // A click on overlapping claims cycles through them, innermost first.
    model.set("selected", ids[(current + 1) % ids.length]);
    model.save_changes();
  });
  root.addEventListener("mouseover", (event) => {
    const badge = event.target.closest(".cc-badge");
    if (badge) hover(Number(badge.dataset.claim), true);
  });
  root.addEventListener("mouseout", (event) => {
    const badge = event.target.closest(".cc-badge");
    if (badge) hover(Number(badge.dataset.claim), false);
  });

  function offsetOf(node, unitOffset) {
    let holder = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (holder && holder !== root && holder.dataset.start === undefined) {
      holder = holder.parentElement;
    }
    if (!holder || holder === root) return null;
    const before = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, unitOffset) : "";
    return Number(holder.dataset.start) + Array.from(before).length;
  }

  root.addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    model.set("selection", { start, end });
    model.save_changes();
  });

  // Keyboard shortcuts work while the focus is anywhere in the panel except where text is typed.
  // They are kept from JupyterLab, whose command-mode keys (1-7, j, k, s, z, ...) would otherwise
  // also act on the notebook. In a drop-down they win over its type-to-find.
  let panel = null;
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const tag = (target.tagName || "").toLowerCase();
    if (tag === "textarea" || target.isContentEditable) return;
    if (tag === "input" && !["checkbox", "radio", "button"].includes(target.type)) return;
    const digits = model.get("digit_keys");
    if (!KEYS.has(event.key) && !(event.key >= "1" && event.key <= String(digits))) return;
    event.preventDefault();
    event.stopPropagation();
    model.send({ type: "key", key: event.key });
  }
  function attach(tries) {
    panel = el.closest(".cc-panel");
    if (!panel) {
      if (tries < 200) requestAnimationFrame(() => attach(tries + 1));
      return;
    }
    panel.setAttribute("data-lm-suppress-shortcuts", "true");
    if (!panel.hasAttribute("tabindex")) panel.tabIndex = 0;
    panel.addEventListener("keydown", onKey);
  }
  attach(0);

  model.on("change:text", draw);
  model.on("change:spans", draw);
  model.on("change:badges", () => {
    drawBadges();
    dim();
  });
  model.on("change:dimmed", dim);
  model.on("change:selected", outline);
  draw();
  return () => {
    if (panel) panel.removeEventListener("keydown", onKey);
  };
}

export default { render };
