import { validateDefinition } from '../aws/stepFunctions';
import type {
  ChartSpec,
  ConfigValue,
  FlowSpec,
  GraphEdge,
  GraphNode,
  HandlerMap,
  NodeConfig,
  ParamSpec,
  Pattern,
  PatternDefinition,
} from '../kit';
import { COLD_START, INTERNET } from '../patterns/commonParts';
import { isObj, num, type Obj } from './context';
import { bodyForEventPattern, bodyForPipeFilter, exampleFor } from './examples';
import { forwardHandler } from './handler';
import { layout } from './layout';
import type { ArchEdge, ArchNode } from './model';
import type { ImportedTemplate } from './translate';

/**
 * An imported architecture as a kit pattern definition: every node with the settings the
 * template fixes as starting values bound to sliders, traffic sources at the entry points (API
 * routes, schedules, queues, topics, buses and state machines nobody in the template sends to),
 * "may send" edges with a switch and a share each, charts of the queues and functions, and the
 * one generic handler (a function forwards each message along its outgoing edges).
 */

/** The handlers every imported pattern uses. */
export const TEMPLATE_HANDLERS: HandlerMap = { forward: forwardHandler };

/** A pattern id for a template name: `template-<name in kebab-case>`. */
export function templatePatternId(name: string): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `template-${slug || 'imported'}`;
}

const COLOURS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
];

/** Ids in the kit are letters, digits, _ and - and start with a letter. */
const safeId = (id: string) => {
  const s = id.replace(/[^A-Za-z0-9_-]/g, '');
  return /^[A-Za-z]/.test(s) ? s : `r${s}`;
};

/** Builds the pattern (definition and handlers) of an imported template. */
export function toPattern(imported: ImportedTemplate): Pattern {
  return { ...toDefinition(imported), handlers: TEMPLATE_HANDLERS };
}

/** Builds the definition of an imported template (see the module comment). */
export function toDefinition(imported: ImportedTemplate): PatternDefinition {
  const arch = imported.arch;
  const archNodes = [...arch.nodes.values()];
  checkStateMachines(imported, archNodes);
  // No edge leads to or from what is not simulated.
  const opaque = new Set(archNodes.filter((n) => n.kind === 'opaque').map((n) => n.id));
  const archEdges = arch.edges.filter(
    (e) =>
      arch.nodes.has(e.source) &&
      arch.nodes.has(e.target) &&
      !opaque.has(e.source) &&
      !opaque.has(e.target),
  );

  const params: ParamSpec[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const payloads = payloadMix(archEdges, archNodes);

  // Entry points for what nobody in the template sends to.
  const incoming = (id: string) => archEdges.some((e) => e.target === id && e.kind !== 'redrive');
  const entries: { node: ArchNode; edge: ArchEdge }[] = [];
  for (const n of archNodes) {
    if (n.kind === 'apiGateway') {
      archEdges
        .filter((e) => e.source === n.id && e.route)
        .forEach((route, i) => {
          const client: ArchNode = {
            id: safeId(`${n.id}Clients${i + 1}`),
            type: 'Client',
            kind: 'user',
            label: 'Clients',
            sublabel: `${route.route?.method} ${route.route?.path}`,
            settings: { ratePerS: 5 },
          };
          entries.push({
            node: client,
            edge: {
              id: `${client.id}ToApi`,
              source: client.id,
              target: n.id,
              kind: 'sync',
              label: client.sublabel ?? '',
              ...(route.route ? { route: route.route } : {}),
            },
          });
        });
      continue;
    }
    if (incoming(n.id) || n.role === 'deadLetterQueue' || n.settings.authorizer === true) continue;
    // A store starts traffic only when something follows its writes (a stream, notifications).
    if (n.kind === 'store' && !archEdges.some((e) => e.source === n.id)) continue;
    const kindText: Partial<
      Record<ArchNode['kind'], [string, number, 'sync' | 'async' | 'write']>
    > = {
      sqs: [n.settings.stream === 'Kinesis' ? 'PutRecord' : 'SendMessage', 5, 'async'],
      store: [n.settings.service === 'S3' ? 'PutObject' : 'PutItem', 1, 'write'],
      sns: ['Publish', 5, 'async'],
      eventBridge: ['PutEvents', 5, 'async'],
      stepFunctions: ['StartExecution', 1, 'async'],
      lambda: ['Invoke (no trigger in the template)', 1, 'sync'],
    };
    const k = kindText[n.kind];
    if (!k) continue;
    const client: ArchNode = {
      id: safeId(`${n.id}Producer`),
      type: 'Producer',
      kind: 'user',
      label: 'Producer',
      sublabel: k[0],
      settings: { ratePerS: k[1] },
    };
    entries.push({
      node: client,
      edge: {
        id: `${client.id}To${n.id}`,
        source: client.id,
        target: n.id,
        kind: k[2],
        label: k[0],
      },
    });
  }
  const allNodes = [...archNodes, ...entries.map((e) => e.node)];
  const allEdges = [...entries.map((e) => e.edge), ...archEdges];
  const positions = layout(allNodes, allEdges);

  let anyProducer = false;
  for (const n of allNodes) {
    const id = safeId(n.id);
    const config: NodeConfig = {};
    const p = (spec: ParamSpec) => params.push({ ...spec, node: id } as ParamSpec);
    const s = n.settings;
    switch (n.kind) {
      case 'user': {
        const schedule = s.schedule === true;
        const rate = num(s.ratePerS) ?? 5;
        p({
          id: `${id}_rate`,
          kind: 'number',
          label: schedule ? 'Schedule rate' : 'Request rate',
          unit: 'msg/s',
          min: 0,
          max: Math.max(1000, rate),
          step: 0.0001,
          default: rate,
          log: true,
          description: schedule
            ? `How often the schedule fires (${n.sublabel ?? ''}); raise it to see more of the run.`
            : 'Messages per second this entry point sends.',
        });
        config.ratePerS = { $param: `${id}_rate` };
        if (schedule) config.pattern = 'constant';
        else {
          config.pattern = { $param: 'arrivalPattern' };
          anyProducer = true;
        }
        config.payloads = payloads;
        break;
      }
      case 'apiGateway': {
        config.apiType = String(s.apiType ?? 'REST');
        const rate = num(s.rateLimitPerS) ?? 10_000;
        const burst = num(s.burst) ?? 5_000;
        p({
          id: `${id}_rateLimit`,
          kind: 'number',
          label: 'Throttle rate',
          unit: 'req/s',
          min: 1,
          max: Math.max(10_000, rate),
          step: 1,
          default: rate,
          log: true,
          description:
            "The stage's steady request rate; past it (and the burst), API Gateway answers 429.",
        });
        p({
          id: `${id}_burst`,
          kind: 'number',
          label: 'Throttle burst',
          unit: 'req',
          min: 1,
          max: Math.max(5_000, burst),
          step: 1,
          default: burst,
          log: true,
          description: "The stage's token bucket size.",
        });
        config.rateLimitPerS = { $param: `${id}_rateLimit` };
        config.burst = { $param: `${id}_burst` };
        config.overhead = { kind: 'lognormal', mean: 3, cv: 0.3 };
        break;
      }
      case 'lambda':
        lambdaConfig(n, id, config, p, allEdges);
        break;
      case 'sqs': {
        const vis = num(s.visibilityTimeoutS) ?? 30;
        p({
          id: `${id}_visibilityS`,
          kind: 'number',
          label: 'Visibility timeout',
          unit: 's',
          min: 0,
          max: 43_200,
          step: 1,
          default: vis,
          log: true,
          description:
            'How long a received message stays hidden before another receive can take it.',
        });
        config.visibilityTimeoutMs = { $param: `${id}_visibilityS`, times: 1000 };
        config.retentionMs = (num(s.retentionS) ?? 345_600) * 1000;
        if ((num(s.delayS) ?? 0) > 0) config.delayMs = (num(s.delayS) ?? 0) * 1000;
        // A stream: every reader reads every record.
        if (s.stream !== undefined) config.stream = true;
        if (s.maxReceiveCount !== undefined) {
          p({
            id: `${id}_maxReceiveCount`,
            kind: 'number',
            label: 'maxReceiveCount',
            unit: '',
            min: 1,
            max: 1000,
            step: 1,
            default: num(s.maxReceiveCount) ?? 10,
            description: 'Receives before a message moves to the dead-letter queue.',
          });
          config.maxReceiveCount = { $param: `${id}_maxReceiveCount` };
        }
        break;
      }
      case 'stepFunctions': {
        config.definition = s.definition as ConfigValue;
        if (isObj(s.taskResults)) config.taskResults = s.taskResults as ConfigValue;
        p({
          id: `${id}_type`,
          kind: 'choice',
          unit: '',
          label: 'Workflow type',
          options: [
            { value: 'STANDARD', label: 'Standard' },
            { value: 'EXPRESS', label: 'Express' },
          ],
          default: s.workflowType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
          description:
            'Standard (exactly once, up to a year, history kept) or Express (at least once, up to 5 minutes).',
        });
        config.workflowType = { $param: `${id}_type` };
        break;
      }
      case 'store': {
        config.service = String(s.service ?? 'DynamoDB');
        const wcu = num(s.writeCapacityPerS);
        if (wcu !== undefined) {
          p({
            id: `${id}_wcu`,
            kind: 'number',
            label: 'Write capacity',
            unit: 'WCU',
            min: 1,
            max: Math.max(40_000, wcu),
            step: 1,
            default: wcu,
            log: true,
            description:
              'Provisioned writes per second; past them (and the burst capacity) writes are throttled.',
          });
          config.writeCapacityPerS = { $param: `${id}_wcu` };
        }
        break;
      }
      case 'email':
        config.duration = { kind: 'lognormal', mean: 200, cv: 0.5 };
        break;
      case 'pipe':
        config.source = String(s.source ?? 'SQS');
        if (Array.isArray(s.filters)) config.filters = s.filters as ConfigValue;
        if (typeof s.enrichment === 'string') config.enrichment = safeId(s.enrichment);
        if (typeof s.eventSource === 'string') config.eventSource = s.eventSource;
        if (typeof s.eventDetailType === 'string') config.eventDetailType = s.eventDetailType;
        if (typeof s.inputTemplate === 'string') config.inputTemplate = s.inputTemplate;
        break;
      case 'opaque':
        config.resourceType = n.type;
        config.why = String(s.why ?? '');
        break;
      default:
        break;
    }
    nodes.push({
      id,
      kind: n.kind,
      label: n.label,
      ...(n.sublabel ? { sublabel: n.sublabel } : {}),
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      ...(n.role ? { role: n.role } : {}),
      ...(Object.keys(config).length > 0 ? { config } : {}),
      ...(n.kind === 'lambda' ? { handler: 'forward' } : {}),
    });
  }
  if (anyProducer)
    params.unshift({
      id: 'arrivalPattern',
      kind: 'choice',
      unit: '',
      label: 'Arrival pattern',
      options: [
        { value: 'poisson', label: 'Poisson (random)' },
        { value: 'constant', label: 'Constant' },
        { value: 'bursts', label: 'Bursts' },
      ],
      default: 'poisson',
      description:
        'How the entry points space their messages in time (schedules are always regular).',
    });

  for (const e of allEdges) {
    const edge = graphEdge(e, params);
    if (edge) edges.push(edge);
  }
  const { flows, charts } = flowsAndCharts(nodes, edges);
  const r = imported.resources;
  return {
    id: templatePatternId(imported.name),
    title: imported.name,
    seedDiagram: imported.file,
    nodes,
    edges,
    params,
    flows,
    charts,
    explanation: {
      summary: `${imported.description ? `${imported.description} ` : ''}Imported from ${imported.file}: ${r.simulated.length} resources simulated, ${r.notSimulated.length} left out${r.unresolved.length ? `, ${r.unresolved.length} values unresolved` : ''}.`,
      whenToUse: [
        'To see how this architecture behaves under load before deploying it: where messages wait, which settings limit it, what a failure costs.',
      ],
      tradeOffs: [
        'What each function does with a message is not in a template: each forwards it along its outgoing edges after its work time (100 ms to start; set it per function under Parameters).',
        ...r.notSimulated.map((n) => `Not simulated: ${n.id} (${n.type}): ${n.why}.`),
        ...imported.arch.notes,
      ],
      whatToTry: whatToTry(params, nodes),
    },
  };
}

type AddParam = (spec: ParamSpec) => void;

function lambdaConfig(
  n: ArchNode,
  id: string,
  config: NodeConfig,
  p: AddParam,
  edges: ArchEdge[],
): void {
  const s = n.settings;
  p({
    id: `${id}_workMs`,
    kind: 'number',
    label: 'Work per message',
    unit: 'ms',
    min: 1,
    max: 60_000,
    step: 1,
    default: 100,
    log: true,
    description: "The handler's own time per message (the template does not say; 100 ms to start).",
  });
  p({
    id: `${id}_errorRate`,
    kind: 'number',
    label: 'Error rate',
    unit: '%',
    min: 0,
    max: 100,
    step: 0.1,
    default: 0,
    description: 'Share of invocations that throw.',
  });
  const timeout = num(s.timeoutS) ?? 3;
  p({
    id: `${id}_timeoutS`,
    kind: 'number',
    label: 'Timeout',
    unit: 's',
    min: 1,
    max: 900,
    step: 1,
    default: timeout,
    description: 'Lambda stops an invocation that runs longer.',
  });
  const memory = num(s.memoryMb) ?? 128;
  p({
    id: `${id}_memoryMb`,
    kind: 'number',
    label: 'Memory',
    unit: 'MB',
    min: 128,
    max: 10_240,
    step: 1,
    default: memory,
    log: true,
    description: 'Billed per GB-second (the cost panel).',
  });
  const reserved = num(s.reservedConcurrency);
  p({
    id: `${id}_reserve`,
    kind: 'boolean',
    unit: '',
    label: 'Reserve concurrency',
    default: reserved !== undefined,
    description: 'Give the function its own concurrency limit (ReservedConcurrentExecutions).',
  });
  p({
    id: `${id}_reserved`,
    kind: 'number',
    label: 'Reserved concurrency',
    unit: '',
    min: 0,
    max: 1000,
    step: 1,
    default: reserved ?? 10,
    usedWhen: { param: `${id}_reserve`, equals: true },
    description: 'At most this many invocations at once; more are throttled.',
  });
  config.duration = { kind: 'lognormal', mean: { $param: `${id}_workMs` }, cv: 0.5 };
  config.errorRate = { $param: `${id}_errorRate`, times: 0.01 };
  config.timeoutMs = { $param: `${id}_timeoutS`, times: 1000 };
  config.memoryMb = { $param: `${id}_memoryMb` };
  config.reservedConcurrency = {
    $if: { param: `${id}_reserve`, equals: true },
    then: { $param: `${id}_reserved` },
    else: null,
  };
  config.coldStart = COLD_START;
  if (num(s.provisionedConcurrency) !== undefined)
    config.provisionedConcurrency = num(s.provisionedConcurrency) ?? 0;
  if (num(s.maximumRetryAttempts) !== undefined)
    config.maximumRetryAttempts = num(s.maximumRetryAttempts) ?? 2;
  if (num(s.maximumEventAgeS) !== undefined)
    config.maximumEventAgeS = num(s.maximumEventAgeS) ?? 21_600;
  if (s.architecture === 'arm64') config.architecture = 'arm64';
  const shares: Record<string, ConfigValue> = {};
  for (const e of edges)
    if (e.source === n.id && e.mayUse)
      shares[safeId(e.id)] = { $param: `${safeId(e.id)}_share`, times: 0.01 };
  if (Object.keys(shares).length > 0) config.handlerOptions = { shares };
}

function graphEdge(e: ArchEdge, params: ParamSpec[]): GraphEdge | undefined {
  const id = safeId(e.id);
  const s = e.settings ?? {};
  const config: NodeConfig = {};
  const p = (node: string, spec: ParamSpec) =>
    params.push({ ...spec, node: safeId(node) } as ParamSpec);
  let visibleWhen: GraphEdge['visibleWhen'];
  switch (e.kind) {
    case 'poll': {
      const batch = num(s.batchSize) ?? 10;
      p(e.target, {
        id: `${id}_batchSize`,
        kind: 'number',
        label: 'Batch size',
        unit: 'msg',
        min: 1,
        max: 10_000,
        step: 1,
        default: batch,
        log: true,
        description: `Messages per batch from ${e.source} (the event source mapping's BatchSize).`,
      });
      p(e.target, {
        id: `${id}_windowS`,
        kind: 'number',
        label: 'Batch window',
        unit: 's',
        min: 0,
        max: 300,
        step: 0.1,
        default: num(s.batchWindowS) ?? 0,
        description: 'How long the poller gathers a batch (MaximumBatchingWindowInSeconds).',
      });
      config.batchSize = { $param: `${id}_batchSize` };
      config.batchWindowMs = { $param: `${id}_windowS`, times: 1000 };
      if (num(s.maxConcurrency) !== undefined) {
        p(e.target, {
          id: `${id}_maxConcurrency`,
          kind: 'number',
          label: 'Maximum concurrency',
          unit: '',
          min: 2,
          max: 1000,
          step: 1,
          default: num(s.maxConcurrency) ?? 2,
          description: 'At most this many concurrent invocations from this queue (ScalingConfig).',
        });
        config.maxConcurrency = { $param: `${id}_maxConcurrency` };
      }
      if (s.reportBatchItemFailures === true) config.reportBatchItemFailures = true;
      break;
    }
    case 'rule': {
      config.rule = String(s.rule ?? e.id);
      p(e.target, {
        id: `${id}_retries`,
        kind: 'number',
        label: `Retries (${String(s.rule ?? 'rule')})`,
        unit: '',
        min: 0,
        max: 185,
        step: 1,
        default: num(s.maximumRetryAttempts) ?? 185,
        description: "The target's retry policy: MaximumRetryAttempts.",
      });
      p(e.target, {
        id: `${id}_maxAgeS`,
        kind: 'number',
        label: `Maximum event age (${String(s.rule ?? 'rule')})`,
        unit: 's',
        min: 60,
        max: 86_400,
        step: 1,
        default: num(s.maximumEventAgeS) ?? 86_400,
        log: true,
        description: "The target's retry policy: MaximumEventAgeInSeconds.",
      });
      config.maximumRetryAttempts = { $param: `${id}_retries` };
      config.maximumEventAgeS = { $param: `${id}_maxAgeS` };
      if (isObj(s.inputTransformer)) config.inputTransformer = s.inputTransformer as ConfigValue;
      break;
    }
    case 'subscription':
      config.protocol = String(s.protocol ?? 'lambda');
      if (s.filterPolicyScope === 'MessageBody') config.filterPolicyScope = 'MessageBody';
      if (s.rawMessageDelivery === true) config.rawMessageDelivery = true;
      break;
    case 'redrive':
      if (typeof s.subscription === 'string') config.subscription = safeId(s.subscription);
      if (typeof s.target === 'string') config.target = safeId(s.target);
      break;
    case 'sync':
      if (typeof s.resource === 'string') config.resource = s.resource;
      if (s.batchInput === true) config.batchInput = true;
      break;
    case 'async':
      if (s.destination === 'onFailure') config.destination = 'onFailure';
      if (s.batchInput === true) config.batchInput = true;
      break;
    default:
      break;
  }
  if (e.mayUse) {
    p(e.source, {
      id: `${id}_on`,
      kind: 'boolean',
      unit: '',
      label: `May send: ${e.target}`,
      default: true,
      restarts: true,
      description: `The template only implies this edge (${e.mayUse.join('; ')}). Switch it off if the function does not send there.`,
    });
    p(e.source, {
      id: `${id}_share`,
      kind: 'number',
      label: `Share to ${e.target}`,
      unit: '%',
      min: 0,
      max: 100,
      step: 1,
      default: 100,
      usedWhen: { param: `${id}_on`, equals: true },
      description:
        'Share of the messages the function handles that it sends along this implied edge.',
    });
    visibleWhen = { param: `${id}_on`, equals: true };
  }
  const fromUser = e.source.endsWith('Producer') || /Clients\d*$/.test(e.source);
  return {
    id,
    source: safeId(e.source),
    target: safeId(e.target),
    kind: e.kind,
    ...(e.label ? { label: e.label.length > 40 ? `${e.label.slice(0, 39)}…` : e.label } : {}),
    ...(visibleWhen ? { visibleWhen } : {}),
    ...(e.mayUse ? { inferred: true } : {}),
    ...(fromUser && e.route ? { latency: INTERNET } : {}),
    ...(Object.keys(config).length > 0 ? { config } : {}),
    ...(e.filterPolicy ? { filterPolicy: e.filterPolicy } : {}),
    ...(e.eventPattern ? { eventPattern: e.eventPattern } : {}),
    ...(e.route ? { route: e.route } : {}),
  };
}

/**
 * One payload per rule, filter policy or pipe filter (so each is matched by some traffic), plus a
 * plain one.
 */
function payloadMix(edges: ArchEdge[], nodes: ArchNode[]): ConfigValue {
  const bodies: Obj[] = [{ source: 'imported.app', 'detail-type': 'Event', id: 'example' }];
  for (const e of edges) {
    if (e.eventPattern) bodies.push(bodyForEventPattern(e.eventPattern));
    if (e.filterPolicy)
      bodies.push({ ...(exampleFor(e.filterPolicy) ?? {}), source: 'imported.app' });
  }
  for (const n of nodes)
    if (n.kind === 'pipe' && Array.isArray(n.settings.filters))
      for (const f of n.settings.filters as Obj[])
        bodies.push(bodyForPipeFilter(f, String(n.settings.source)));
  const seen = new Set<string>();
  const unique = bodies.filter((b) => {
    const k = JSON.stringify(b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.slice(0, 12).map((body) => ({ weight: 1, body: body as ConfigValue }));
}

/** Validates each state machine's ASL: one the engine cannot run is listed and made opaque. */
function checkStateMachines(imported: ImportedTemplate, nodes: ArchNode[]): void {
  for (const n of nodes) {
    if (n.kind !== 'stepFunctions') continue;
    if (n.settings.definition === undefined) {
      // Already listed with why (a missing file, no States...).
      n.kind = 'opaque';
      imported.resources.simulated = imported.resources.simulated.filter((id) => id !== n.id);
      continue;
    }
    const problems = validateDefinition(n.settings.definition).map(
      (p) => `${p.path}: ${p.message}`,
    );
    if (problems.length === 0) continue;
    n.kind = 'opaque';
    n.settings = { why: `its definition cannot run here (${problems[0]})` };
    imported.resources.simulated = imported.resources.simulated.filter((id) => id !== n.id);
    imported.arch.skip(n.id, n.type, String(n.settings.why), n.line);
    for (let i = imported.arch.edges.length - 1; i >= 0; i--) {
      const e = imported.arch.edges[i];
      if (e && (e.source === n.id || e.target === n.id)) imported.arch.edges.splice(i, 1);
    }
  }
}

/** End-to-end flows and charts of the queues, functions and ledger. */
function flowsAndCharts(
  nodes: GraphNode[],
  edges: GraphEdge[],
): { flows: FlowSpec[]; charts: ChartSpec[] } {
  const flows: FlowSpec[] = [
    {
      id: 'completed',
      label: 'Until completed',
      description: 'From entry until the message was handled for good.',
      measure: { kind: 'ended', fate: 'completed' },
    },
  ];
  const clients = nodes.filter(
    (n) => n.kind === 'user' && edges.some((e) => e.source === n.id && e.kind === 'sync'),
  );
  for (const c of clients.slice(0, 4))
    flows.push({
      id: `${c.id}_response`,
      label: `Response (${c.sublabel ?? c.id})`,
      description: 'Until the answer is back at the client.',
      measure: { kind: 'response', node: c.id },
    });
  const charts: ChartSpec[] = [
    {
      id: 'messages',
      title: 'Messages',
      unit: 'msg/s',
      series: [
        {
          id: 'created',
          label: 'created',
          color: COLOURS[0] as string,
          source: { ledger: 'created', rate: true },
        },
        {
          id: 'completedRate',
          label: 'completed',
          color: COLOURS[2] as string,
          source: { ledger: 'completed', rate: true },
        },
        {
          id: 'lostRate',
          label: 'lost',
          color: COLOURS[1] as string,
          source: { ledger: 'lost', rate: true },
        },
      ],
    },
  ];
  const queues = nodes.filter((n) => n.kind === 'sqs').slice(0, 8);
  if (queues.length > 0)
    charts.push({
      id: 'queues',
      title: 'Queue backlogs',
      unit: 'msg',
      series: queues.map((q, i) => ({
        id: `${q.id}_visible`,
        label: q.id,
        color: COLOURS[i % COLOURS.length] as string,
        source: { node: q.id, stat: 'visible' },
      })),
    });
  const fns = nodes.filter((n) => n.kind === 'lambda').slice(0, 8);
  if (fns.length > 0)
    charts.push({
      id: 'functions',
      title: 'Function concurrency',
      unit: '',
      series: fns.map((f, i) => ({
        id: `${f.id}_concurrency`,
        label: f.id,
        color: COLOURS[i % COLOURS.length] as string,
        source: { node: f.id, stat: 'concurrency' },
      })),
    });
  return { flows, charts };
}

function whatToTry(
  params: ParamSpec[],
  nodes: GraphNode[],
): { text: string; set?: Record<string, number | string | boolean> }[] {
  const out: { text: string; set?: Record<string, number | string | boolean> }[] = [];
  const name = (id: unknown) => {
    const n = nodes.find((x) => x.id === id);
    if (!n) return String(id);
    return n.kind === 'user' && n.sublabel ? `${n.label} (${n.sublabel})` : n.label;
  };
  const rate = params.find((p) => p.id.endsWith('_rate') && p.kind === 'number');
  if (rate && rate.kind === 'number')
    out.push({
      text: `Send ten times as much from ${name(rate.node)} and watch where messages pile up.`,
      set: { [rate.id]: Math.min(rate.max, rate.default * 10 || 10) },
    });
  const batch = params.find((p) => p.id.endsWith('_batchSize'));
  if (batch)
    out.push({
      text: 'Take one message per batch and see the queue back up.',
      set: { [batch.id]: 1 },
    });
  const errors = params.find((p) => p.id.endsWith('_errorRate'));
  if (errors)
    out.push({
      text: `Make ${name(errors.node)} fail a quarter of the time: retries, dead letters and losses appear.`,
      set: { [errors.id]: 25 },
    });
  return out;
}
