import { diagramSvg, documentFrame, type DiagramCapture } from '../../canvas';
import type { SimState } from '../../state';

/** Offers a file to the reader (a download). */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name for this run at this moment: `<pattern>-seed<n>-t<seconds>s`. */
export function fileBase(state: SimState): string {
  const t = Math.round(state.live.simTimeMs / 100) / 10;
  return `${state.pattern.id}-seed${state.seed}-t${t}s`;
}

/** The SVG document of a capture, as a Blob. */
export function svgBlob(capture: DiagramCapture): Blob {
  return new Blob([diagramSvg(capture)], { type: 'image/svg+xml' });
}

/** Draws an SVG document into an image (resolves once it is decoded). */
export function svgImage(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the diagram could not be drawn as an image'));
    };
    image.src = url;
  });
}

/** The capture as a PNG, at `scale` pixels per diagram pixel (2: sharp on high-density screens). */
export async function pngBlob(capture: DiagramCapture, scale = 2): Promise<Blob> {
  const frame = documentFrame(capture);
  const image = await svgImage(diagramSvg(capture));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(frame.width * scale);
  canvas.height = Math.round(frame.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))),
      'image/png',
    ),
  );
}

/** Whether this browser can record WebM from a canvas. */
export function canRecordWebm(): boolean {
  return (
    typeof MediaRecorder !== 'undefined' &&
    typeof HTMLCanvasElement.prototype.captureStream === 'function' &&
    MediaRecorder.isTypeSupported('video/webm')
  );
}
