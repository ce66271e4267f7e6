// The queue's and the case page's progressive enhancement: keyboard
// shortcuts and the image viewer (zoom, rotate, pan). Without this file the
// pages work the same: plain images, buttons and forms.

const typing = (el) =>
  el instanceof HTMLElement &&
  (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

// --- Keyboard shortcuts -------------------------------------------------
const decideForm = document.getElementById("decide-form");
const comment = document.getElementById("comment");
const pendingText = document.getElementById("pending-action");
let pending = null;

function choose(name) {
  const button = decideForm?.querySelector(`button[data-action="${name}"]`);
  if (!button || button.disabled) return false;
  if (comment && comment.value.trim() === "") {
    // A decision needs a comment: go there, remember which button was meant.
    pending = button;
    comment.focus();
    if (pendingText) pendingText.textContent = `${button.textContent.trim()}: Ctrl+Enter`;
    return true;
  }
  decideForm.requestSubmit(button);
  return true;
}

comment?.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && pending) {
    e.preventDefault();
    decideForm.requestSubmit(pending);
  }
});

// Each returns false when the page has nothing for that key (so the key
// keeps its usual meaning there).
const SHORTCUTS = {
  a: () => choose("approve"),
  r: () => choose("reject"),
  n: () => {
    const next = document.getElementById("next-case");
    if (!next) return false;
    next.requestSubmit();
    return true;
  },
  o: () => {
    const note = document.getElementById("note");
    if (!note) return false;
    note.focus();
    return true;
  },
};

document.addEventListener("keydown", (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
  const run = SHORTCUTS[e.key];
  if (run && run()) e.preventDefault();
});

// --- Claim time in the reader's own clock ------------------------------
for (const t of document.querySelectorAll("time[data-local-time]")) {
  const d = new Date(t.getAttribute("datetime"));
  if (!Number.isNaN(d.getTime())) {
    t.textContent = d.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
  }
}

// --- Image viewer ------------------------------------------------------
const LABELS = {
  en: { in: "Zoom in", out: "Zoom out", rotate: "Rotate", reset: "Reset" },
  es: { in: "Acercar", out: "Alejar", rotate: "Girar", reset: "Restablecer" },
};
const words = LABELS[document.documentElement.lang] ?? LABELS.en;

function viewer(figure) {
  const img = figure.querySelector("img");
  const frame = figure.querySelector(".frame");
  if (!img || !frame) return;
  const s = { zoom: 1, turn: 0, x: 0, y: 0 };
  const apply = () => {
    img.style.transform = `translate(${s.x}px, ${s.y}px) scale(${s.zoom}) rotate(${s.turn}deg)`;
    figure.classList.toggle("zoomed", s.zoom > 1);
  };
  const tools = document.createElement("div");
  tools.className = "tools";
  const button = (label, act) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", () => { act(); apply(); });
    tools.append(b);
  };
  button(words.in, () => { s.zoom = Math.min(s.zoom * 1.5, 8); });
  button(words.out, () => { s.zoom = Math.max(s.zoom / 1.5, 1); if (s.zoom === 1) { s.x = 0; s.y = 0; } });
  button(words.rotate, () => { s.turn = (s.turn + 90) % 360; });
  button(words.reset, () => { Object.assign(s, { zoom: 1, turn: 0, x: 0, y: 0 }); });
  figure.querySelector("figcaption")?.after(tools);

  frame.addEventListener("wheel", (e) => {
    e.preventDefault();
    s.zoom = Math.min(Math.max(s.zoom * (e.deltaY < 0 ? 1.2 : 1 / 1.2), 1), 8);
    if (s.zoom === 1) { s.x = 0; s.y = 0; }
    apply();
  }, { passive: false });
  let drag = null;
  frame.addEventListener("pointerdown", (e) => {
    if (s.zoom <= 1) return;
    drag = { x: e.clientX - s.x, y: e.clientY - s.y };
    frame.setPointerCapture(e.pointerId);
    figure.classList.add("dragging");
  });
  frame.addEventListener("pointermove", (e) => {
    if (!drag) return;
    s.x = e.clientX - drag.x;
    s.y = e.clientY - drag.y;
    apply();
  });
  const stop = () => { drag = null; figure.classList.remove("dragging"); };
  frame.addEventListener("pointerup", stop);
  frame.addEventListener("pointercancel", stop);
  img.draggable = false;
}

document.querySelectorAll("figure.viewer").forEach(viewer);
