/**
 * `<pattern-sim>`: the embed as a web component, for pages that would rather not use an iframe.
 * A separate bundle (`pattern-sim.js`); every element on a page has its own simulator (its own
 * store, run, playback machine and frame clock), and draws inside its own shadow root, so the
 * host page's styles and the app's never meet.
 *
 *   <script type="module" src="…/pattern-sim.js"></script>
 *   <pattern-sim pattern="pubsub-sns" params="publishRate=20&seed=7" theme="dark"></pattern-sim>
 */
import { createRoot, type Root } from 'react-dom/client';
import flowCss from '@xyflow/react/dist/style.css?inline';
import type { Simulator } from '../state';
import { EMBED_KEYS } from '../state/embedOptions';
import { EmbedApp } from './EmbedApp';
import { createEmbed, type EmbedSetup } from './embedSetup';
import appCss from './styles.css?inline';
import embedCss from './embed.css?inline';

/** The element's attributes: the pattern, its parameters as an address, and the embed options. */
const ATTRIBUTES = ['pattern', 'params', ...EMBED_KEYS] as const;

/**
 * Custom properties registered with `@property` only work in the document, never inside a shadow
 * root: they are lifted out once, into the page's head (they only declare types and defaults).
 */
const PROPERTY_RULE = /@property\s+--[\w-]+\s*\{[^}]*\}/g;

function shadowCss(): string {
  // Inside a shadow root `:root` matches nothing: the theme's variables belong to the host.
  const css = `${flowCss}\n${appCss}\n${embedCss}`.replace(PROPERTY_RULE, '');
  return `${css.replace(/:root\b/g, ':host')}
:host { display: block; position: relative; font-family: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; font-size: 14px; line-height: 1.5; color: var(--fg); -webkit-font-smoothing: antialiased; text-align: left; }
:host([hidden]) { display: none; }
.pattern-sim-mount { height: 100%; }`;
}

function liftPropertyRules(): void {
  if (document.getElementById('pattern-sim-properties')) return;
  const rules = `${appCss}\n${embedCss}`.match(PROPERTY_RULE);
  if (!rules) return;
  const style = document.createElement('style');
  style.id = 'pattern-sim-properties';
  style.textContent = rules.join('\n');
  document.head.append(style);
}

let sheet: CSSStyleSheet | null = null;
/** One constructed stylesheet shared by every element on the page. */
function sharedSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(shadowCss());
  }
  return sheet;
}

/** The embed as an element. Attributes are read when it connects and whenever one changes. */
export class PatternSimElement extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES];
  private root: Root | null = null;
  private sim: Simulator | null = null;
  private unsubscribe: (() => void) | null = null;
  private pending = false;
  /** Counts mounts and unmounts, so that a pattern that loads late is not shown twice. */
  private generation = 0;

  /** The simulator of this element (null while it is not on the page). */
  get simulator(): Simulator | null {
    return this.sim;
  }

  connectedCallback(): void {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    liftPropertyRules();
    shadow.adoptedStyleSheets = [sharedSheet()];
    this.mount();
  }

  disconnectedCallback(): void {
    this.unmount();
  }

  attributeChangedCallback(): void {
    if (!this.isConnected || this.pending || !this.root) return;
    // Several attributes set in a row make one rebuild.
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (!this.isConnected) return;
      this.unmount();
      this.mount();
    });
  }

  /** The address these attributes make, as embed.html would read it. */
  search(): string {
    const query = new URLSearchParams(this.getAttribute('params') ?? '');
    const pattern = this.getAttribute('pattern');
    if (pattern !== null) query.set('pattern', pattern);
    for (const key of EMBED_KEYS) {
      const value = this.getAttribute(key);
      if (value !== null) query.set(key, value);
    }
    return `?${query.toString()}`;
  }

  private mount(): void {
    const shadow = this.shadowRoot;
    if (!shadow) return;
    // Loading the pattern is asynchronous: a newer mount or an unmount meanwhile wins.
    const generation = ++this.generation;
    void createEmbed(
      this.search(),
      `<pattern-sim pattern="${this.getAttribute('pattern') ?? ''}">`,
    ).then((setup) => {
      if (generation !== this.generation || !this.isConnected) {
        setup.sim.dispose();
        return;
      }
      this.show(shadow, setup);
    });
  }

  private show(shadow: ShadowRoot, setup: EmbedSetup): void {
    this.sim = setup.sim;
    this.style.aspectRatio = setup.options.aspect ? String(setup.options.aspect) : '';
    const container = document.createElement('div');
    container.className = 'pattern-sim-mount';
    shadow.replaceChildren(container);
    this.root = createRoot(container);
    // The full app sits next to this script. (Not `new URL(…, import.meta.url)` written out: Vite
    // would take that for an asset to bundle.)
    const here = import.meta.url;
    const fullAppHref = new URL(`index.html${setup.simulation}`, here).toString();
    this.root.render(
      <EmbedApp sim={setup.sim} options={setup.options} fullAppHref={fullAppHref} host={this} />,
    );
    let status = setup.sim.store.getState().status;
    this.unsubscribe = setup.sim.store.subscribe((state) => {
      if (state.status === status) return;
      status = state.status;
      this.dispatchEvent(
        new CustomEvent('statuschange', { detail: { status }, bubbles: true, composed: true }),
      );
    });
    this.dispatchEvent(
      new CustomEvent('ready', {
        detail: {
          pattern: setup.sim.store.getState().pattern.id,
          params: setup.sim.store.getState().params,
          seed: setup.sim.store.getState().seed,
          status,
        },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private unmount(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.root?.unmount();
    this.root = null;
    this.sim?.dispose();
    this.sim = null;
  }
}

if (!customElements.get('pattern-sim')) customElements.define('pattern-sim', PatternSimElement);

declare global {
  interface HTMLElementTagNameMap {
    'pattern-sim': PatternSimElement;
  }
}
