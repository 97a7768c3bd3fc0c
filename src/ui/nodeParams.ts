import type { ParamSpec, PatternDefinition } from '../patterns';

/**
 * Which parameters belong to which node, per pattern: the node details panel shows them and the
 * parameters panel groups by them. A parameter may belong to several nodes; the first one groups it.
 */
const NODE_PARAMS: Record<string, Record<string, string[]>> = {
  'message-decoupling-sqs': {
    user: ['paymentRate', 'arrivalPattern'],
    api: ['apiRateLimit', 'apiBurst', 'integrationTimeoutMs'],
    customer: ['customerDurationMs', 'coldStartMs', 'withoutQueue'],
    customerDb: [],
    salesQueue: [
      'withoutQueue',
      'visibilityTimeoutS',
      'maxReceiveCount',
      'batchSize',
      'batchWindowS',
    ],
    salesDlq: ['maxReceiveCount'],
    sales: ['salesConcurrency', 'salesDurationMs', 'salesErrorRate', 'batchSize', 'coldStartMs'],
    salesDb: ['dbConnections'],
  },
};

/** The parameters related to one node, in the pattern's order. */
export function paramsForNode(pattern: PatternDefinition, nodeId: string): ParamSpec[] {
  const ids = NODE_PARAMS[pattern.id]?.[nodeId] ?? [];
  return pattern.params.filter((p) => ids.includes(p.id));
}

/** The parameters grouped by the node they belong to first, in graph order; leftovers in "Other". */
export function groupParams(
  pattern: PatternDefinition,
): { nodeId: string | null; title: string; params: ParamSpec[] }[] {
  const mapping = NODE_PARAMS[pattern.id] ?? {};
  const placed = new Set<string>();
  const groups: { nodeId: string | null; title: string; params: ParamSpec[] }[] = [];
  for (const node of pattern.nodes) {
    const ids = (mapping[node.id] ?? []).filter((id) => !placed.has(id));
    if (ids.length === 0) continue;
    ids.forEach((id) => placed.add(id));
    const title =
      node.sublabel && node.kind === 'user' ? `${node.label} · ${node.sublabel}` : node.label;
    groups.push({
      nodeId: node.id,
      title,
      params: pattern.params.filter((p) => ids.includes(p.id)),
    });
  }
  const rest = pattern.params.filter((p) => !placed.has(p.id));
  if (rest.length > 0) groups.push({ nodeId: null, title: 'Other', params: rest });
  return groups;
}
