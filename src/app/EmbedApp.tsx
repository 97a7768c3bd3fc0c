import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import { FIT_MAX_ZOOM, FIT_SIDE, FIT_TOP, FlowCanvas } from '../canvas';
import { SimProvider, useSim, type Simulator } from '../state';
import type { EmbedOptions, EmbedTheme } from '../state/embedOptions';
import { CanvasOverlay, ParamList, PlaybackBar, useKeyboardShortcuts } from '../ui';
import { useElementSize } from './useElementSize';

/** Below this width the legend sits under the diagram rather than over it (as in the app). */
const OVERLAYS_BELOW_PX = 720;
const OVERLAY_GAP = 14;
/** A diagram sized from its content is never shorter than this, nor taller. */
const MIN_CANVAS_PX = 200;
const MAX_CANVAS_PX = 1000;
/** Below this width the embed draws the pattern as one column (as the app does on a phone)... */
const OUTLINE_BELOW_PX = 560;
/** ...and as tall as that column, up to this (then the reader drags it). */
const MAX_OUTLINE_PX = 4000;

interface Props {
  sim: Simulator;
  options: EmbedOptions;
  /** The same run in the full app. */
  fullAppHref: string;
  /**
   * Where the embed lives: its own page (embed.html in an iframe: it owns the keyboard, the
   * document's theme, and tells its parent its height), or an element on someone else's page.
   */
  host: 'page' | HTMLElement;
  /** Called with the height the embed wants whenever it changes (the page posts it upwards). */
  onHeight?: (height: number) => void;
}

/**
 * The embed view: the live diagram, with the controls its address asks for (none, playback, or
 * playback and some parameters) and a link to the full app. It fits its container's width; its
 * height comes from the diagram (or from the aspect ratio it was given).
 */
export function EmbedApp({ sim, options, fullAppHref, host, onHeight }: Props) {
  const page = host === 'page';
  useKeyboardShortcuts(sim, page);
  usePauseOffscreen(sim, host);
  const dark = useEmbedTheme(options.theme) === 'dark';
  useEffect(() => {
    if (!page) return;
    document.documentElement.classList.toggle('dark', dark);
    document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  }, [page, dark]);
  const rootRef = useRef<HTMLDivElement>(null);
  useReportHeight(rootRef, options.aspect, onHeight);
  return (
    <SimProvider simulator={sim}>
      <EmbedShell
        rootRef={rootRef}
        dark={dark}
        options={options}
        fullAppHref={fullAppHref}
        page={page}
      />
    </SimProvider>
  );
}

function EmbedShell({
  rootRef,
  dark,
  options,
  fullAppHref,
  page,
}: {
  rootRef: RefObject<HTMLDivElement | null>;
  dark: boolean;
  options: EmbedOptions;
  fullAppHref: string;
  page: boolean;
}) {
  const title = useSim((s) => s.pattern.title);
  const status = useSim((s) => s.status);
  const pattern = useSim((s) => s.pattern);
  const { controls } = options;
  const specs = useMemo(
    () =>
      controls.kind === 'params'
        ? controls.ids.flatMap((id) => pattern.params.filter((p) => p.id === id))
        : [],
    [controls, pattern],
  );
  const openLink = (
    <a
      className="btn btn-sm ml-auto shrink-0"
      href={fullAppHref}
      target="_blank"
      rel="noreferrer"
      aria-label="Open in the simulator"
    >
      Open<span className="embed-link-more">in the simulator</span> ↗
    </a>
  );
  return (
    <div
      ref={rootRef}
      className={`embed${dark ? ' dark' : ''}`}
      data-sizing={options.aspect ? 'aspect' : 'content'}
      data-status={status}
      data-page={page ? 'true' : undefined}
    >
      {controls.kind === 'none' ? null : (
        <div className="embed-bar" role={page ? 'banner' : undefined}>
          <PlaybackBar compact />
          <span className="embed-title truncate text-xs font-medium" title={title}>
            {title}
          </span>
          {openLink}
        </div>
      )}
      {specs.length > 0 ? (
        <div className="embed-params" role="group" aria-label="Parameters">
          <ParamList specs={specs} />
        </div>
      ) : null}
      <EmbedDiagram dark={dark} fill={options.aspect !== null} page={page}>
        {controls.kind === 'none' ? <div className="embed-corner-link">{openLink}</div> : null}
      </EmbedDiagram>
    </div>
  );
}

/**
 * The diagram: as tall as the diagram needs at the zoom its width allows (content sizing), or the
 * rest of a frame of fixed aspect ratio.
 */
function EmbedDiagram({
  dark,
  fill,
  page,
  children,
}: {
  dark: boolean;
  fill: boolean;
  page: boolean;
  children?: ReactNode;
}) {
  const [wrapEl, setWrapEl] = useState<HTMLDivElement | null>(null);
  const [overlayEl, setOverlayEl] = useState<HTMLDivElement | null>(null);
  const { width } = useElementSize(wrapEl);
  const overlay = useElementSize(overlayEl);
  const [diagram, setDiagram] = useState<{ width: number; height: number } | null>(null);
  const onBounds = useCallback((size: { width: number; height: number }) => setDiagram(size), []);
  // A narrow embed (a docs page on a phone) reads top to bottom, legible, like the app there.
  const outline = width > 0 && width < OUTLINE_BELOW_PX;
  const [outlineZoom, setOutlineZoom] = useState(1);
  const placement = outline || (width > 0 && width < OVERLAYS_BELOW_PX) ? 'below' : 'float';
  const bottomInset = placement === 'float' ? overlay.height + OVERLAY_GAP + 12 : 16;
  let ideal = 360;
  if (diagram && width > 0) {
    ideal = outline
      ? Math.ceil(24 + diagram.height * outlineZoom)
      : Math.ceil(
          FIT_TOP +
            bottomInset +
            diagram.height * Math.min(FIT_MAX_ZOOM, (width - 2 * FIT_SIDE) / diagram.width),
        );
  }
  const canvasHeight = Math.min(
    outline ? MAX_OUTLINE_PX : MAX_CANVAS_PX,
    Math.max(MIN_CANVAS_PX, ideal),
  );
  const style: CSSProperties | undefined = fill ? undefined : { flex: 'none' };
  return (
    <div
      className={`canvas-wrap${fill ? ' canvas-fill' : ''}`}
      ref={setWrapEl}
      data-placement={placement}
      style={style}
      role={page ? 'main' : undefined}
    >
      <div
        className="canvas-pane"
        style={fill ? undefined : { flex: 'none', height: canvasHeight }}
      >
        <FlowCanvas
          colorMode={dark ? 'dark' : 'light'}
          controls={false}
          bottomInset={bottomInset}
          onBounds={onBounds}
          arrangement={outline ? 'outline' : 'columns'}
          onOutlineZoom={setOutlineZoom}
          passWheel
        />
        {children}
      </div>
      <CanvasOverlay dark={dark} ledger={false} placement={placement} ref={setOverlayEl} />
    </div>
  );
}

const DARK_QUERY = '(prefers-color-scheme: dark)';
function subscribeScheme(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/**
 * The embed's theme: what its address says, or the reader's system preference for `auto`. It never
 * reads or writes the full app's saved choice: the host page's author decides.
 */
function useEmbedTheme(theme: EmbedTheme): 'light' | 'dark' {
  const systemDark = useSyncExternalStore(
    subscribeScheme,
    () => window.matchMedia(DARK_QUERY).matches,
    () => false,
  );
  if (theme === 'auto') return systemDark ? 'dark' : 'light';
  return theme;
}

/**
 * Reports the height the embed wants: its content's height, or its width ÷ the aspect ratio.
 * Only changes are reported, rounded up to whole pixels.
 */
function useReportHeight(
  ref: RefObject<HTMLElement | null>,
  aspect: number | null,
  onHeight: ((height: number) => void) | undefined,
): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !onHeight) return;
    let last = -1;
    const measure = () => {
      const height = Math.ceil(
        aspect ? el.offsetWidth / aspect : el.getBoundingClientRect().height,
      );
      if (height > 0 && height !== last) {
        last = height;
        onHeight(height);
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, aspect, onHeight]);
}

/**
 * Pauses while the embed is scrolled out of view (it costs the reader nothing there) and resumes
 * when it comes back, if it was playing. In an iframe the page's body is observed: with no root,
 * an IntersectionObserver measures against the top-level viewport, so scrolling the host page
 * counts.
 */
function usePauseOffscreen(sim: Simulator, host: 'page' | HTMLElement): void {
  const pausedByUs = useRef(false);
  useEffect(() => {
    const observer = new IntersectionObserver(([entry]) => {
      if (!entry) return;
      const { status } = sim.store.getState();
      if (!entry.isIntersecting && status === 'running') {
        pausedByUs.current = true;
        sim.pause();
      } else if (entry.isIntersecting && pausedByUs.current) {
        pausedByUs.current = false;
        if (sim.store.getState().status === 'paused') sim.play();
      }
    });
    observer.observe(host === 'page' ? document.body : host);
    return () => observer.disconnect();
  }, [sim, host]);
}
