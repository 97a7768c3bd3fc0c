/** What a focused element tells us about itself, enough to decide who a key belongs to. */
export interface FocusInfo {
  tag: string;
  /** The input's type (lower case), for INPUT elements. */
  type?: string;
  role?: string | null;
  editable?: boolean;
  /** A React Flow node card (focusable; Enter opens its details, arrows move it). */
  flowNode?: boolean;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'number',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);
const ACTIVATE = new Set([' ', 'Enter']);
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);
const SELECT_KEYS = new Set([
  ' ',
  'Enter',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/**
 * Whether the focused element needs `key` for itself, so the page's shortcut must leave it alone.
 * Typing fields own every key; sliders and tabs their arrows; buttons, switches and node cards
 * only Space and Enter (arrows too for cards: they move). "." → R + − and "?" always reach the
 * shortcuts unless one is typing.
 */
export function ownsKey(focus: FocusInfo | null, key: string): boolean {
  if (!focus) return false;
  if (focus.editable || focus.tag === 'TEXTAREA') return true;
  if (focus.tag === 'INPUT') {
    const type = focus.type ?? 'text';
    if (TEXT_INPUT_TYPES.has(type)) return true;
    if (type === 'range') return SLIDER_KEYS.has(key);
    return ACTIVATE.has(key);
  }
  if (focus.role === 'slider') return SLIDER_KEYS.has(key);
  if (focus.role === 'tab') return ACTIVATE.has(key) || SLIDER_KEYS.has(key);
  if (focus.tag === 'SELECT') return SELECT_KEYS.has(key);
  if (focus.flowNode) return ACTIVATE.has(key) || SLIDER_KEYS.has(key) || key === 'Escape';
  if (focus.tag === 'BUTTON' || focus.tag === 'A' || focus.role === 'switch')
    return ACTIVATE.has(key);
  return false;
}

/** Reads {@link FocusInfo} from a keyboard event's target. */
export function focusInfo(target: EventTarget | null): FocusInfo | null {
  if (!(target instanceof HTMLElement)) return null;
  return {
    tag: target.tagName,
    type: target instanceof HTMLInputElement ? target.type.toLowerCase() : undefined,
    role: target.getAttribute('role'),
    editable: target.isContentEditable,
    flowNode: target.classList.contains('react-flow__node'),
  };
}
