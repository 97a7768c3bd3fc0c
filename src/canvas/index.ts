export { FlowCanvas } from './FlowCanvas';
export { ServiceIcon } from './icons/ServiceIcon';
export { CATEGORY_COLOUR, SERVICE_NAME, DOT_COLOURS, DOT_LEGEND } from './serviceStyle';
export { useReducedMotion } from './useReducedMotion';
export type { DotSource } from './dotRenderer';
