/**
 * Tells the page around the iframe how tall the embed wants to be, in the two formats docs hosts
 * already listen for: a plain `{ type: "resize", height }` object, and Embedly's
 * `{ context: "iframe.resize", src, height }` as a JSON string (what Iframely-based hosts parse).
 * Nothing is sent when the embed is opened on its own.
 */
export function postHeight(height: number): void {
  if (window.parent === window) return;
  window.parent.postMessage({ type: 'resize', height, src: window.location.href }, '*');
  window.parent.postMessage(
    JSON.stringify({ context: 'iframe.resize', src: window.location.href, height }),
    '*',
  );
}
