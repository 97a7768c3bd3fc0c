import { kindView } from '../canvas/kinds';
import type { GraphNode, ParamSpec, PatternDefinition } from '../patterns';

/** A group of the parameters panel: the node its parameters belong to first, or "Other". */
export interface ParamGroup {
  nodeId: string | null;
  title: string;
  params: ParamSpec[];
}

/** The nodes a parameter belongs to (`ParamSpec.node`), the one that groups it first. */
export function nodesOf(spec: ParamSpec): readonly string[] {
  if (spec.node === undefined) return [];
  return typeof spec.node === 'string' ? [spec.node] : spec.node;
}

/** The parameters that belong to one node, in the pattern's order (its details panel shows them). */
export function paramsForNode(pattern: PatternDefinition, nodeId: string): ParamSpec[] {
  return pattern.params.filter((p) => nodesOf(p).includes(nodeId));
}

/**
 * The parameters grouped by the first node each belongs to, groups in graph order and parameters in
 * the pattern's order; those that belong to no node of the graph go last, in "Other".
 */
export function groupParams(pattern: PatternDefinition): ParamGroup[] {
  const groups: ParamGroup[] = [];
  const placed = new Set<ParamSpec>();
  for (const node of pattern.nodes) {
    const params = pattern.params.filter((p) => nodesOf(p)[0] === node.id);
    if (params.length === 0) continue;
    params.forEach((p) => placed.add(p));
    groups.push({ nodeId: node.id, title: groupTitle(node, pattern.nodes), params });
  }
  const rest = pattern.params.filter((p) => !placed.has(p));
  if (rest.length > 0) groups.push({ nodeId: null, title: 'Other', params: rest });
  return groups;
}

/**
 * A group's title: the node's label, with its sublabel when its kind asks for it ("User · Make
 * payment") or when another node has the same label ("Aurora · sales database").
 */
function groupTitle(node: GraphNode, nodes: readonly GraphNode[]): string {
  if (!node.sublabel) return node.label;
  const shared = nodes.some((n) => n !== node && n.label === node.label);
  return shared || kindView(node.kind).sublabelInGroupTitle
    ? `${node.label} · ${node.sublabel}`
    : node.label;
}
