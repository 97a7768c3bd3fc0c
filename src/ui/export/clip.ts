import { diagramSvg, documentFrame, type DiagramSource } from '../../canvas';
import type { Simulator } from '../../state';
import { encodeGif, type RgbaFrame } from './gif';
import { canRecordWebm, svgImage } from './files';

/** What a clip is made of. */
export interface ClipOptions {
  format: 'webm' | 'gif';
  /** Playback speed while recording (simulated seconds per wall second). */
  speed: number;
  /** Length of the clip, in seconds (wall time = clip time). */
  seconds: number;
  dark: boolean;
  onProgress?: (text: string) => void;
}

/** Frames per second: smooth enough for WebM; fewer for GIF, whose files grow with every frame. */
const FPS = { webm: 25, gif: 10 } as const;
/** Widest GIF, in px (the diagram is scaled down to it). */
const GIF_MAX_WIDTH = 960;
/** How often the cards' numbers are redrawn into the clip, in wall ms. */
const NUMBERS_EVERY_MS = 250;

/**
 * Records the run as it plays: each frame is the diagram with its numbers of that moment (the
 * same SVG as the export, redrawn a few times a second) and the moving messages of the whole
 * diagram, drawn by a dot renderer of its own (the dot layer's canvas covers only the pane).
 * Playback runs at `speed` for `seconds`, then the speed and the paused or running state the
 * reader had come back.
 */
export async function recordClip(
  sim: Simulator,
  source: DiagramSource,
  options: ClipOptions,
): Promise<Blob> {
  const first = source.capture(options.dark);
  const frame = documentFrame(first);
  const scale = options.format === 'gif' ? Math.min(1, GIF_MAX_WIDTH / frame.width) : 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(frame.width * scale);
  canvas.height = Math.round(frame.height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: options.format === 'gif' });
  if (!ctx) throw new Error('this browser cannot draw on a canvas');

  let background = await svgImage(diagramSvg(first));
  let redrawing = false;
  let lastNumbers = 0;
  const draw = (wallMs: number) => {
    if (!redrawing && wallMs - lastNumbers >= NUMBERS_EVERY_MS) {
      lastNumbers = wallMs;
      redrawing = true;
      void svgImage(diagramSvg(source.capture(options.dark)))
        .then((image) => (background = image))
        .finally(() => (redrawing = false));
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(background, 0, 0, canvas.width, canvas.height);
    // Every message in flight, over the whole diagram the frame shows (flow → document → clip),
    // not only those in the part of it the pane shows.
    ctx.setTransform(scale, 0, 0, scale, frame.dx * scale, frame.dy * scale);
    source.drawDots(ctx, options.dark, scale);
  };

  const before = sim.store.getState();
  const wasRunning = before.status === 'running';
  sim.setSpeed(options.speed);
  if (!wasRunning) sim.play();
  const fps = FPS[options.format];
  const total = Math.max(1, Math.round(options.seconds * fps));
  try {
    if (options.format === 'webm') return await recordWebm(canvas, draw, fps, total, options);
    const frames: RgbaFrame[] = [];
    await everyFrame(fps, total, (i, wallMs) => {
      draw(wallMs);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      frames.push({ data: pixels.data, width: canvas.width, height: canvas.height });
      options.onProgress?.(`Recording ${i + 1} of ${total} frames…`);
    });
    restore();
    const bytes = await encodeGif(
      frames,
      Math.round(1000 / fps),
      (done) => options.onProgress?.(`Encoding GIF: ${done} of ${frames.length} frames…`),
      () => new Promise((resolve) => setTimeout(resolve, 0)),
    );
    return new Blob([bytes.slice().buffer], { type: 'image/gif' });
  } finally {
    restore();
  }

  function restore() {
    sim.setSpeed(before.speed);
    if (!wasRunning && sim.store.getState().status === 'running') sim.pause();
  }
}

/** Calls `fn` `count` times at `fps`, with the clip's time of that frame in ms. */
function everyFrame(
  fps: number,
  count: number,
  fn: (i: number, clipMs: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let i = 0;
    const timer = setInterval(() => {
      fn(i, (i * 1000) / fps);
      if (++i >= count) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / fps);
  });
}

async function recordWebm(
  canvas: HTMLCanvasElement,
  draw: (wallMs: number) => void,
  fps: number,
  total: number,
  options: ClipOptions,
): Promise<Blob> {
  if (!canRecordWebm()) throw new Error('this browser cannot record WebM video; try GIF');
  draw(0);
  const stream = canvas.captureStream(fps);
  const type = MediaRecorder.isTypeSupported('video/webm;codecs=vp9')
    ? 'video/webm;codecs=vp9'
    : 'video/webm';
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  recorder.start(500);
  await everyFrame(fps, total, (i, wallMs) => {
    draw(wallMs);
    if (i % fps === 0)
      options.onProgress?.(`Recording ${Math.round(i / fps)} of ${options.seconds} s…`);
  });
  recorder.stop();
  await stopped;
  for (const track of stream.getTracks()) track.stop();
  return new Blob(chunks, { type: 'video/webm' });
}
