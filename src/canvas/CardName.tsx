import { Fragment, useLayoutEffect, useRef } from 'react';

/**
 * A name's words (split at spaces), each split where a line may break inside it between words:
 * after a hyphen, slash or underscore ("Sales-" "DLQ"), and between the words of a camel-case name
 * ("Customer" "Notification" "Service"). No piece is ever split.
 */
export function nameWords(name: string): string[][] {
  return name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => word.split(/(?<=\w[-/_])(?=.)|(?<=[a-z])(?=[A-Z])/));
}

/** A piece wider than its box by more than this (px) does not fit. */
const SLACK_PX = 0.5;

/**
 * A card's name (or sublabel) that wraps only between words. A word too wide for the card is first
 * shrunk, down to the size the text scale guarantees is at least 11 px on screen (the CSS's
 * `max(11px, …)` floor on `--fit`), then ellipsised; the full name is then its title (the node's
 * aria-label already says it whole).
 */
export function CardName({ className, text }: { className: string; text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const parts = () => Array.from(el.querySelectorAll<HTMLElement>('.card-part'));
    const overflow = (w: HTMLElement) => w.scrollWidth - w.clientWidth > SLACK_PX;
    const fit = () => {
      // Measured at full size: the fit only ever shrinks what does not fit at the size the CSS gives.
      el.style.removeProperty('--fit');
      let ratio = 1;
      // Text does not scale exactly with its font size (hinting, rounding): a word shrunk by the
      // ratio it overflowed by can still overflow by a pixel, so measure again, at most twice more.
      for (let pass = 0; pass < 3; pass++) {
        let over = 1;
        for (const w of parts())
          if (overflow(w)) over = Math.min(over, w.clientWidth / w.scrollWidth);
        if (over >= 1) break;
        ratio = Math.floor(ratio * over * 1000) / 1000 - (pass > 0 ? 0.004 : 0);
        el.style.setProperty('--fit', String(ratio));
      }
      const cut = ratio < 1 && parts().some(overflow);
      if (cut) {
        el.title = text;
        el.dataset.cut = 'true';
      } else {
        el.removeAttribute('title');
        delete el.dataset.cut;
      }
    };
    fit();
    // The text scale (--ts) and the level of detail change the font size, and so this box's size.
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text]);
  return (
    <div ref={ref} className={`card-name ${className}`}>
      {nameWords(text).map((parts, i) => (
        // A word is one box that moves to the next line whole while it fits on one; only a word
        // wider than the card breaks, between its parts.
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <span className="card-word">
            {parts.map((part, j) => (
              <span key={j} className="card-part">
                {part}
              </span>
            ))}
          </span>
        </Fragment>
      ))}
    </div>
  );
}
