import { describe, expect, it } from 'vitest';
import { encodeGif, type RgbaFrame } from './gif';

function frame(width: number, height: number, colour: [number, number, number]): RgbaFrame {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...colour, 255], i * 4);
  return { data, width, height };
}

describe('encodeGif', () => {
  it('writes a looping GIF89a with one image per frame', async () => {
    const bytes = await encodeGif(
      [frame(8, 4, [255, 0, 0]), frame(8, 4, [0, 0, 255]), frame(8, 4, [0, 255, 0])],
      100,
    );
    expect(new TextDecoder().decode(bytes.slice(0, 6))).toBe('GIF89a');
    // Logical screen size, little-endian.
    expect(bytes[6]).toBe(8);
    expect(bytes[8]).toBe(4);
    // NETSCAPE2.0 application extension: the clip loops.
    expect(new TextDecoder().decode(bytes)).toContain('NETSCAPE2.0');
    // One graphic control extension (21 F9) per frame, each with the 100 ms delay (10 cs).
    let controls = 0;
    for (let i = 0; i + 5 < bytes.length; i++)
      if (bytes[i] === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 4] === 10) controls++;
    expect(controls).toBe(3);
    expect(bytes[bytes.length - 1]).toBe(0x3b);
  });
});
