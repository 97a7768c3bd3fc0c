/**
 * Reading event and message JSON the way event-ruler sees it: a number keeps its source text.
 * event-ruler flattens an event with Jackson and hands each number's text (`getText()`) to the
 * byte machine, so `9007199254740993` and `9007199254740992`, or `0.1` and
 * `0.10000000000000001`, are different values to it wherever it compares text, although
 * `JSON.parse` turns each pair into one double. Both engines read JSON text with
 * {@link parseJsonKeepingNumbers}; numbers whose text JavaScript would print differently arrive
 * as {@link JsonNumber}, all others as plain numbers (so the common case costs nothing extra).
 */

/** A JSON number whose source text differs from the text JavaScript prints for its value. */
export class JsonNumber {
  constructor(
    /** The number as written in the JSON text, e.g. `1.50` or `9007199254740993`. */
    readonly text: string,
    /** The nearest double, as `JSON.parse` would give it. */
    readonly value: number,
  ) {}

  /** Serialises as the double, as `JSON.stringify` would have written the parsed value. */
  toJSON(): number {
    return this.value;
  }
}

/** A number as an event can hold it: a double (text as JS prints it) or a {@link JsonNumber}. */
export type EventNumber = number | JsonNumber;

/** The text event-ruler would see for a number: the source text, or how JSON writes the double. */
export function numberText(n: EventNumber): string {
  return typeof n === 'number' ? String(n) : n.text;
}

/** The double of a number, whichever form it has. */
export function numberValue(n: EventNumber): number {
  return typeof n === 'number' ? n : n.value;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** True when some number token's text is not what JavaScript prints for its value. */
function hasRewrittenNumber(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, honouring escapes.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x2d || isDigit(c)) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end] ?? '')) end++;
      const token = text.slice(i, end);
      if (String(Number(token)) !== token) return true;
      i = end - 1;
    }
  }
  return false;
}

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  private skipSpaces(): void {
    while (this.pos < this.src.length) {
      const c = this.src.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  value(): unknown {
    this.skipSpaces();
    const c = this.src.charCodeAt(this.pos);
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x74) return this.word('true', true);
    if (c === 0x66) return this.word('false', false);
    if (c === 0x6e) return this.word('null', null);
    return this.number();
  }

  private word<T>(w: string, v: T): T {
    this.pos += w.length;
    return v;
  }

  private number(): EventNumber {
    const start = this.pos;
    while (this.pos < this.src.length && /[0-9eE.+-]/.test(this.src[this.pos] ?? '')) this.pos++;
    const text = this.src.slice(start, this.pos);
    const value = Number(text);
    return String(value) === text ? value : new JsonNumber(text, value);
  }

  private string(): string {
    const start = this.pos;
    for (this.pos++; ; this.pos++) {
      const c = this.src.charCodeAt(this.pos);
      if (c === 0x5c) this.pos++;
      else if (c === 0x22) break;
    }
    this.pos++;
    return JSON.parse(this.src.slice(start, this.pos)) as string;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpaces();
    if (this.src.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpaces();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
    }
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skipSpaces();
    if (this.src.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpaces();
      const key = this.string();
      this.skipSpaces();
      this.pos++; // the colon
      const v = this.value();
      // Own data property, as JSON.parse makes it (even for "__proto__"); the last duplicate wins.
      Object.defineProperty(out, key, {
        value: v,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      this.skipSpaces();
      const c = this.src.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
    }
  }
}

/**
 * `JSON.parse`, except that a number whose text JavaScript would print differently comes back as
 * a {@link JsonNumber} carrying its source text. Throws `JSON.parse`'s SyntaxError on bad JSON.
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  const plain: unknown = JSON.parse(text);
  if (!hasRewrittenNumber(text)) return plain;
  return new Reader(text).value();
}
