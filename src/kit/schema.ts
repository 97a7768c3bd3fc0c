import { z } from 'zod';
import { conditionParams, paramRefs } from './config';
import { EDGE_CONFIG_KEYS, NODE_CONFIG_KEYS } from './configKeys';
import { eventPatternProblem, filterPolicyProblem } from './kinds/rules';
import type { ConfigValue, PatternDefinition } from './definition';

/**
 * The schema of a pattern definition (src/kit/definition.ts), with zod: the shape of every field,
 * then the references between them (edges name nodes, bindings name parameters, charts name
 * nodes and flows). Built-in patterns are checked by the tests; definitions made from users'
 * templates will be checked the same way before they run.
 */

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'ids are letters, digits, _ and -');
const paramValue = z.union([z.number(), z.string(), z.boolean()]);
const equals = z.object({ param: z.string(), equals: paramValue }).strict();
const condition = z.union([equals, z.object({ all: z.array(equals).min(1) }).strict()]);
const side = z.enum(['top', 'right', 'bottom', 'left']);

const configValue: z.ZodType<ConfigValue> = z.lazy(() =>
  z.union([
    z.number(),
    z.string(),
    z.boolean(),
    z.null(),
    z
      .object({ $param: z.string(), times: z.number().optional(), plus: z.number().optional() })
      .strict(),
    z.object({ $if: condition, then: configValue, else: configValue }).strict(),
    z.array(configValue),
    z.record(z.string(), configValue),
  ]),
);
const config = z.record(z.string(), configValue);

const serviceKind = z.enum([
  'user',
  'apiGateway',
  'lambda',
  'sqs',
  'sns',
  'eventBridge',
  'stepFunctions',
  'aurora',
  'ec2',
  'email',
  'store',
  'pipe',
  'opaque',
]);

const node = z
  .object({
    id,
    kind: serviceKind,
    label: z.string().min(1),
    sublabel: z.string().optional(),
    position: z.object({ x: z.number(), y: z.number() }).strict(),
    role: z.enum(['deadLetterQueue']).optional(),
    visibleWhen: condition.optional(),
    config: config.optional(),
    handler: z.string().optional(),
  })
  .strict();

const edge = z
  .object({
    id,
    source: z.string(),
    target: z.string(),
    kind: z.enum(['sync', 'async', 'poll', 'redrive', 'subscription', 'rule', 'write']),
    label: z.string().optional(),
    sourceSide: side.optional(),
    targetSide: side.optional(),
    visibleWhen: condition.optional(),
    latency: configValue.optional(),
    config: config.optional(),
    filterPolicy: z.record(z.string(), z.unknown()).optional(),
    eventPattern: z.record(z.string(), z.unknown()).optional(),
    route: z.object({ method: z.string(), path: z.string() }).strict().optional(),
    inferred: z.boolean().optional(),
  })
  .strict();

const paramCommon = {
  id,
  label: z.string().min(1),
  description: z.string().min(1),
  usedWhen: condition.optional(),
  node: z.union([z.string(), z.array(z.string())]).optional(),
  restarts: z.boolean().optional(),
};
const param = z.discriminatedUnion('kind', [
  z
    .object({
      ...paramCommon,
      kind: z.literal('number'),
      unit: z.string(),
      min: z.number(),
      max: z.number(),
      step: z.number().positive(),
      default: z.number(),
      log: z.boolean().optional(),
    })
    .strict()
    .refine((p) => p.min <= p.default && p.default <= p.max, {
      message: 'default must lie between min and max',
    }),
  z
    .object({
      ...paramCommon,
      kind: z.literal('choice'),
      unit: z.literal(''),
      options: z.array(z.object({ value: z.string(), label: z.string() }).strict()).min(1),
      default: z.string(),
    })
    .strict()
    .refine((p) => p.options.some((o) => o.value === p.default), {
      message: 'default must be one of the options',
    }),
  z
    .object({
      ...paramCommon,
      kind: z.literal('boolean'),
      unit: z.literal(''),
      default: z.boolean(),
    })
    .strict(),
]);

const flow = z
  .object({
    id,
    label: z.string(),
    description: z.string(),
    measure: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('response'), node: z.string() }).strict(),
      z.object({ kind: z.literal('reached'), node: z.string() }).strict(),
      z.object({ kind: z.literal('call'), edge: z.string(), path: z.string().optional() }).strict(),
      z
        .object({
          kind: z.literal('ended'),
          fate: z.enum(['completed', 'deadLettered', 'dropped']),
          node: z.string().optional(),
        })
        .strict(),
    ]),
  })
  .strict();

const ledgerTotal = z.enum(['created', 'completed', 'deadLettered', 'dropped', 'lost', 'inSystem']);
const seriesSource = z.union([
  z.object({ node: z.string(), stat: z.string(), rate: z.boolean().optional() }).strict(),
  z.object({ edge: z.string(), stat: z.string(), rate: z.boolean().optional() }).strict(),
  z.object({ flow: z.string(), percentile: z.number().min(0).max(1) }).strict(),
  z.object({ flow: z.string(), rate: z.literal(true) }).strict(),
  z.object({ ledger: ledgerTotal, rate: z.boolean().optional() }).strict(),
]);

const tourStat = z.union([
  z.object({ node: z.string(), stat: z.string() }).strict(),
  z.object({ edge: z.string(), stat: z.string() }).strict(),
  z.object({ ledger: ledgerTotal }).strict(),
  z.object({ flow: z.string(), percentile: z.number().min(0).max(1) }).strict(),
]);
const statCheck = z
  .object({
    stat: tourStat,
    above: z.number().optional(),
    below: z.number().optional(),
    rose: z.literal(true).optional(),
    fell: z.literal(true).optional(),
    steady: z.literal(true).optional(),
  })
  .strict()
  .refine((c) => [c.above, c.below, c.rose, c.fell, c.steady].some((x) => x !== undefined), {
    message: 'a check needs above, below, rose, fell or steady',
  });

const chart = z
  .object({
    id,
    title: z.string(),
    unit: z.string(),
    series: z
      .array(z.object({ id, label: z.string(), color: z.string(), source: seriesSource }).strict())
      .min(1),
    visibleWhen: condition.optional(),
  })
  .strict();

const comparisonSide = z
  .object({
    pattern: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a pattern id is kebab-case'),
    label: z.string().min(1),
    params: z.record(z.string(), paramValue).optional(),
  })
  .strict();
const comparison = z
  .object({
    id,
    label: z.string().min(1),
    description: z.string().min(1),
    a: comparisonSide,
    b: comparisonSide,
  })
  .strict();

/** The definition's shape (references between its parts are checked by {@link checkDefinition}). */
export const patternDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a pattern id is kebab-case'),
    title: z.string().min(1),
    seedDiagram: z.string(),
    nodes: z.array(node).min(1),
    edges: z.array(edge),
    params: z.array(param),
    flows: z.array(flow),
    charts: z.array(chart),
    explanation: z
      .object({
        summary: z.string().min(1),
        whenToUse: z.array(z.string()),
        tradeOffs: z.array(z.string()),
        whatToTry: z.array(
          z
            .object({
              text: z.string().min(1),
              set: z.record(z.string(), paramValue).optional(),
              speed: z.number().min(0.1).max(1000).optional(),
              until: z
                .union([
                  z.object({ afterS: z.number().positive() }).strict(),
                  z
                    .object({ when: z.array(statCheck).min(1), withinS: z.number().positive() })
                    .strict(),
                ])
                .optional(),
              expect: z.array(statCheck).optional(),
            })
            .strict(),
        ),
        messageNoun: z.string().min(1).optional(),
      })
      .strict(),
    comparisons: z.array(comparison).optional(),
  })
  .strict();

/** One problem found in a definition, with the path to the offending field. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/**
 * Checks a definition: its shape, then its references. Returns every problem found (an empty
 * list when it is valid), each with a path such as `edges[3].target`.
 */
export function checkDefinition(input: unknown): DefinitionProblem[] {
  const parsed = patternDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
  }
  return checkReferences(parsed.data as PatternDefinition);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function checkReferences(d: PatternDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const unique = (items: { id: string }[], what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add(`${what}[${i}].id`, `duplicate ${what} id "${item.id}"`);
      seen.add(item.id);
    });
  };
  unique(d.nodes, 'nodes');
  unique(d.edges, 'edges');
  unique(d.params, 'params');
  unique(d.flows, 'flows');
  unique(d.charts, 'charts');

  const nodes = new Set(d.nodes.map((n) => n.id));
  const params = new Set(d.params.map((p) => p.id));
  const flows = new Set(d.flows.map((f) => f.id));
  const checkParam = (path: string, ref: string) => {
    if (!params.has(ref)) add(path, `unknown parameter "${ref}"`);
  };
  const checkCondition = (path: string, c: PatternDefinition['nodes'][number]['visibleWhen']) => {
    for (const ref of conditionParams(c)) checkParam(path, ref);
  };
  const checkNode = (path: string, ref: string) => {
    if (!nodes.has(ref)) add(path, `unknown node "${ref}"`);
  };

  // A parameter that adds or removes parts of the graph can only take effect by a rebuild.
  const rewiring = (path: string, c: PatternDefinition['nodes'][number]['visibleWhen']) => {
    for (const ref of conditionParams(c)) {
      const spec = d.params.find((p) => p.id === ref);
      if (spec && !spec.restarts)
        add(
          path,
          `parameter "${ref}" adds or removes parts of the graph, so it needs "restarts": true`,
        );
    }
  };
  d.nodes.forEach((n, i) => {
    checkCondition(`nodes[${i}].visibleWhen`, n.visibleWhen);
    rewiring(`nodes[${i}].visibleWhen`, n.visibleWhen);
    for (const key of Object.keys(n.config ?? {}))
      if (!NODE_CONFIG_KEYS[n.kind].includes(key))
        add(
          `nodes[${i}].config.${key}`,
          `a ${n.kind} node has no setting "${key}" (it has: ${NODE_CONFIG_KEYS[n.kind].join(', ') || 'none'})`,
        );
    for (const ref of paramRefs(n.config ?? null)) checkParam(`nodes[${i}].config`, ref);
    // A pipe's filters are event patterns, matched against its source's records.
    const filters = n.kind === 'pipe' ? n.config?.filters : undefined;
    if (filters !== undefined && !Array.isArray(filters))
      add(`nodes[${i}].config.filters`, 'a list of event patterns');
    if (Array.isArray(filters))
      filters.forEach((f, k) => {
        const problem =
          typeof f === 'object' && f !== null && !Array.isArray(f)
            ? eventPatternProblem(f as Record<string, unknown>)
            : 'an event pattern is a JSON object';
        if (problem) add(`nodes[${i}].config.filters[${k}]`, problem);
      });
  });
  d.edges.forEach((e, i) => {
    checkNode(`edges[${i}].source`, e.source);
    checkNode(`edges[${i}].target`, e.target);
    if (e.source === e.target) add(`edges[${i}]`, 'an edge cannot loop to its own node');
    checkCondition(`edges[${i}].visibleWhen`, e.visibleWhen);
    rewiring(`edges[${i}].visibleWhen`, e.visibleWhen);
    for (const key of Object.keys(e.config ?? {}))
      if (!EDGE_CONFIG_KEYS[e.kind].includes(key))
        add(
          `edges[${i}].config.${key}`,
          `a ${e.kind} edge has no setting "${key}" (it has: ${EDGE_CONFIG_KEYS[e.kind].join(', ') || 'none'})`,
        );
    if (e.filterPolicy) {
      const scope =
        e.config?.filterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
      const problem = filterPolicyProblem(e.filterPolicy, scope);
      if (problem) add(`edges[${i}].filterPolicy`, problem);
    }
    if (e.eventPattern) {
      const problem = eventPatternProblem(e.eventPattern);
      if (problem) add(`edges[${i}].eventPattern`, problem);
    }
    for (const ref of paramRefs(e.config ?? null)) checkParam(`edges[${i}].config`, ref);
    for (const ref of paramRefs(e.latency)) checkParam(`edges[${i}].latency`, ref);
  });
  d.params.forEach((p, i) => {
    checkCondition(`params[${i}].usedWhen`, p.usedWhen);
    const owners = p.node === undefined ? [] : Array.isArray(p.node) ? p.node : [p.node];
    owners.forEach((n, k) =>
      checkNode(`params[${i}].node${Array.isArray(p.node) ? `[${k}]` : ''}`, n),
    );
  });
  d.flows.forEach((f, i) => {
    const m = f.measure;
    if (m.kind === 'call') {
      if (!d.edges.some((e) => e.id === m.edge))
        add(`flows[${i}].measure.edge`, `unknown edge "${m.edge}"`);
    } else if (m.node !== undefined) checkNode(`flows[${i}].measure.node`, m.node);
  });
  // Series ids key the sampler, so they are unique across the whole pattern.
  const seen = new Set<string>();
  d.charts.forEach((c, i) => {
    checkCondition(`charts[${i}].visibleWhen`, c.visibleWhen);
    c.series.forEach((s, k) => {
      const path = `charts[${i}].series[${k}]`;
      if (seen.has(s.id)) add(`${path}.id`, `duplicate series id "${s.id}"`);
      seen.add(s.id);
      if ('node' in s.source) checkNode(`${path}.source.node`, s.source.node);
      const edge = 'edge' in s.source ? s.source.edge : undefined;
      if (edge !== undefined && !d.edges.some((e) => e.id === edge))
        add(`${path}.source.edge`, `unknown edge "${edge}"`);
      if ('flow' in s.source && !flows.has(s.source.flow))
        add(`${path}.source.flow`, `unknown flow "${s.source.flow}"`);
    });
  });
  d.explanation.whatToTry.forEach((step, i) => {
    const path = `explanation.whatToTry[${i}]`;
    for (const ref of Object.keys(step.set ?? {})) checkParam(`${path}.set.${ref}`, ref);
    const checks = [
      ...(step.until && 'when' in step.until
        ? step.until.when.map((c, k) => [`${path}.until.when[${k}]`, c] as const)
        : []),
      ...(step.expect ?? []).map((c, k) => [`${path}.expect[${k}]`, c] as const),
    ];
    for (const [at, c] of checks) {
      if ('node' in c.stat) checkNode(`${at}.stat.node`, c.stat.node);
      const edge = 'edge' in c.stat ? c.stat.edge : undefined;
      if (edge !== undefined && !d.edges.some((e) => e.id === edge))
        add(`${at}.stat.edge`, `unknown edge "${edge}"`);
      if ('flow' in c.stat && !flows.has(c.stat.flow))
        add(`${at}.stat.flow`, `unknown flow "${c.stat.flow}"`);
    }
  });
  // A comparison's sides on this very pattern name its parameters; other patterns' sides are
  // checked against the registry (src/patterns/compare.test.ts), which the kit does not know.
  unique(d.comparisons ?? [], 'comparisons');
  (d.comparisons ?? []).forEach((c, i) => {
    for (const key of ['a', 'b'] as const) {
      const side = c[key];
      if (side.pattern !== d.id) continue;
      for (const ref of Object.keys(side.params ?? {}))
        checkParam(`comparisons[${i}].${key}.params.${ref}`, ref);
    }
    if (![c.a.pattern, c.b.pattern].includes(d.id))
      add(`comparisons[${i}]`, `a comparison a pattern offers includes the pattern itself`);
  });
  return problems;
}
