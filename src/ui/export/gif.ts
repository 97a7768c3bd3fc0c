import { applyPalette, GIFEncoder, quantize } from 'gifenc';

/** One frame of a clip: RGBA pixels. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Encodes frames as an animated GIF that loops, each frame shown `delayMs`. Each frame gets its
 * own 128-colour palette: the diagram is flat colours, so that is plenty and keeps files small.
 * `yieldEvery` lets a long encode give the page a turn now and then.
 */
export async function encodeGif(
  frames: readonly RgbaFrame[],
  delayMs: number,
  onProgress?: (done: number) => void,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<Uint8Array> {
  const gif = GIFEncoder();
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i] as RgbaFrame;
    const palette = quantize(frame.data, 128, { format: 'rgb444' });
    const index = applyPalette(frame.data, palette, 'rgb444');
    gif.writeFrame(index, frame.width, frame.height, { palette, delay: delayMs, repeat: 0 });
    onProgress?.(i + 1);
    if (i % 5 === 4) await pause();
  }
  gif.finish();
  return gif.bytes();
}
