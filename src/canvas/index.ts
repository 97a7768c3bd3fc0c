export { FlowCanvas, FIT_MAX_ZOOM, FIT_SIDE, FIT_TOP } from './FlowCanvas';
export { ServiceIcon } from './icons/ServiceIcon';
export { kindView, kindViews, type BadgesProps, type KindView, type Stats } from './kinds';
export { DOT_COLOURS, DOT_LEGEND, RESPONSE_COLOURS } from './serviceStyle';
export { useReducedMotion } from './useReducedMotion';
export type { DotSource } from './dotRenderer';
export { currentDiagram, type DiagramSource } from './DiagramCaptureBridge';
export { diagramSvg, documentFrame, type DiagramCapture } from './diagramSvg';
