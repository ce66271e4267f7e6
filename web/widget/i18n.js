// i18n.js — the language in use (saved choice, else the browser's, else the
// server's hint, else English), translation with {placeholders}, and the
// switch button in the header.
import { STRINGS } from './strings.js';

const KEY = 'colleckt.lang';
let lang = 'en';

function fromBrowser() {
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const base = String(l).toLowerCase().slice(0, 2);
    if (base in STRINGS) return base;
  }
  return null;
}

/** Picks the language once the server's hint is known. */
export function initLang(hint) {
  let saved = null;
  try { saved = sessionStorage.getItem(KEY); } catch { /* storage may be off */ }
  lang = (saved in STRINGS && saved) || fromBrowser() || (hint in STRINGS && hint) || 'en';
  document.documentElement.lang = lang;
  return lang;
}

export function getLang() { return lang; }

export function setLang(next) {
  if (!(next in STRINGS)) return;
  lang = next;
  document.documentElement.lang = lang;
  try { sessionStorage.setItem(KEY, lang); } catch { /* ignore */ }
}

/** t('step_of', {n: 1, total: 3}) */
export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** A document type's name in the current language. */
export function docName(typeName) {
  return STRINGS[lang].doc[typeName] || typeName;
}

export function slotName(slot) { return t(`slot_${slot}`); }

/** "front", "back", or "photo page" for a passport's front. */
export function sideName(doc, side) {
  if (side === 'front' && doc.type_name === 'Passport') return t('side_front_passport');
  return t(`side_${side}`);
}

/** Labels of extracted fields; unknown keys are shown humanised. */
export function fieldName(key) {
  const k = `field_${key}`;
  const s = STRINGS[lang][k] ?? STRINGS.en[k];
  return s || key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** Sets up the header: brand, skip link and the language switch. */
export function drawChrome(onSwitch) {
  document.title = t('brand');
  const brand = document.getElementById('brand');
  if (brand) brand.textContent = t('brand');
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('skip');
  const btn = document.getElementById('lang');
  if (!btn) return;
  btn.hidden = false;
  btn.textContent = t('lang_other');
  btn.setAttribute('aria-label', t('lang_other_label'));
  btn.setAttribute('lang', lang === 'en' ? 'es' : 'en');
  btn.onclick = () => {
    setLang(lang === 'en' ? 'es' : 'en');
    drawChrome(onSwitch);
    onSwitch();
  };
}
