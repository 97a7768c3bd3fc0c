import type { EdgeKind, ServiceKind } from '../kit';
import { asList, isObj, type Obj, type TranslateContext } from './context';
import { refsIn } from './intrinsics';

/**
 * Edges a template only implies: a function allowed to send to a queue (an IAM statement, a SAM
 * policy template, a connector) or given its URL in an environment variable probably sends to
 * it. Each becomes a "may send" edge (drawn dashed, with a switch and a share of traffic).
 */

/** What each kind of target is sent, and by which edge kind. */
const SENDS: Partial<Record<ServiceKind, { edge: EdgeKind; label: string; actions: RegExp }>> = {
  sqs: {
    edge: 'async',
    label: 'may send',
    actions: /^(sqs:(SendMessage|SendMessageBatch|\*)|kinesis:(PutRecord|PutRecords|\*))$/i,
  },
  sns: { edge: 'async', label: 'may publish', actions: /^sns:(Publish|\*)$/i },
  eventBridge: { edge: 'async', label: 'may put events', actions: /^events:(PutEvents|\*)$/i },
  stepFunctions: {
    edge: 'async',
    label: 'may start',
    actions: /^states:(StartExecution|StartSyncExecution|\*)$/i,
  },
  lambda: {
    edge: 'sync',
    label: 'may invoke',
    actions: /^lambda:(InvokeFunction|InvokeAsync|\*)$/i,
  },
  store: {
    edge: 'write',
    label: 'may write',
    actions:
      /^(dynamodb:(PutItem|UpdateItem|BatchWriteItem|DeleteItem|GetItem|Query|Scan|BatchGetItem|PartiQL\w*|\*)|s3:(PutObject|GetObject|DeleteObject|\*)|dsql:\w+|qldb:\w+)$/i,
  },
};

/** SAM policy templates that let a function send somewhere, by name. */
const POLICY_TEMPLATES: Record<string, ServiceKind> = {
  SQSSendMessagePolicy: 'sqs',
  SNSPublishMessagePolicy: 'sns',
  SNSCrudPolicy: 'sns',
  EventBridgePutEventsPolicy: 'eventBridge',
  StepFunctionsExecutionPolicy: 'stepFunctions',
  LambdaInvokePolicy: 'lambda',
  DynamoDBCrudPolicy: 'store',
  DynamoDBWritePolicy: 'store',
  DynamoDBReadPolicy: 'store',
  S3CrudPolicy: 'store',
  S3WritePolicy: 'store',
  S3ReadPolicy: 'store',
  S3FullAccessPolicy: 'store',
  KinesisCrudPolicy: 'sqs',
};

/** Adds the "may send" edges of every function. */
export function inferEdges(ctx: TranslateContext): void {
  for (const node of ctx.arch.nodes.values()) {
    if (node.kind !== 'lambda') continue;
    const r = ctx.resources.get(node.id);
    if (!r) continue;
    const reasons = new Map<string, string[]>();
    const add = (target: string | undefined, why: string, kind?: ServiceKind) => {
      if (!target || target === node.id) return;
      const t = ctx.node(target);
      if (!t || !SENDS[t.kind] || (kind && t.kind !== kind)) return;
      const list = reasons.get(target) ?? [];
      if (!list.includes(why)) list.push(why);
      reasons.set(target, list);
    };
    // Environment variables naming a resource.
    const env =
      isObj(r.props.Environment) && isObj(r.props.Environment.Variables)
        ? r.props.Environment.Variables
        : {};
    for (const [name, value] of Object.entries(env))
      for (const id of refsIn(value)) add(id, `environment variable ${name}`);
    // SAM policies: templates and statements.
    for (const policy of asList(r.props.Policies)) {
      if (!isObj(policy)) continue;
      for (const [name, args] of Object.entries(policy)) {
        const kind = POLICY_TEMPLATES[name];
        if (kind) for (const id of refsIn(args)) add(id, `policy ${name}`, kind);
      }
      statements(policy, (action, resource) => {
        for (const id of refsIn(resource)) {
          const t = ctx.node(id);
          if (t && SENDS[t.kind]?.actions.test(action)) add(id, `permission ${action}`);
        }
      });
    }
    // The execution role's statements (CloudFormation functions, or SAM's Role).
    for (const roleId of refsIn(r.props.Role)) {
      for (const doc of roleDocuments(ctx, roleId))
        statements(doc, (action, resource) => {
          for (const id of refsIn(resource)) {
            const t = ctx.node(id);
            if (t && SENDS[t.kind]?.actions.test(action)) add(id, `role ${roleId}: ${action}`);
          }
        });
    }
    // Connectors on the function, and AWS::Serverless::Connector resources from it.
    if (isObj(r.props.Connectors))
      for (const [name, c] of Object.entries(r.props.Connectors))
        if (isObj(c) && isObj(c.Properties) && isObj(c.Properties.Destination))
          add(connectorTarget(ctx, c.Properties.Destination), `connector ${name}`);
    for (const c of ctx.resources.values()) {
      if (c.type !== 'AWS::Serverless::Connector' || !isObj(c.props.Source)) continue;
      if (connectorTarget(ctx, c.props.Source) !== node.id || !isObj(c.props.Destination)) continue;
      const destinations = Array.isArray(c.props.Destination)
        ? c.props.Destination
        : [c.props.Destination];
      for (const d of destinations) if (isObj(d)) add(connectorTarget(ctx, d), `connector ${c.id}`);
    }
    for (const [target, why] of reasons) addMaySend(ctx, node.id, target, why);
  }
}

function connectorTarget(ctx: TranslateContext, end: Obj): string | undefined {
  if (typeof end.Id === 'string') return ctx.node(end.Id) ? end.Id : undefined;
  return ctx.target(end.Arn);
}

function addMaySend(ctx: TranslateContext, source: string, target: string, why: string[]): void {
  const t = ctx.node(target);
  const send = t ? SENDS[t.kind] : undefined;
  if (!t || !send) return;
  // Stated already (an on-failure destination, a Task), or the function is its consumer.
  if (
    ctx.arch.edges.some(
      (e) =>
        (e.source === source && e.target === target) ||
        (e.source === target && e.target === source),
    )
  )
    return;
  if (t.role === 'deadLetterQueue') return;
  if (reaches(ctx, target, source)) {
    ctx.arch.notes.push(
      `${source} may send to ${target} (${why.join(', ')}), but that would loop back to ${source}: left out.`,
    );
    return;
  }
  ctx.arch.addEdge({
    id: `${source}May${target}`,
    source,
    target,
    kind: send.edge,
    label: send.label,
    mayUse: why,
  });
}

/** Whether `to` can be reached from `from` along the edges so far. */
function reaches(ctx: TranslateContext, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const n = stack.pop() as string;
    if (n === to) return true;
    for (const e of ctx.arch.edges)
      if (e.source === n && e.kind !== 'redrive' && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
  }
  return false;
}

/** Calls `f(action, resource)` for each allowed action × resource of a policy document. */
function statements(doc: Obj, f: (action: string, resource: unknown) => void): void {
  const list = isObj(doc.PolicyDocument) ? doc.PolicyDocument.Statement : doc.Statement;
  for (const s of asList(list)) {
    if (!isObj(s) || s.Effect === 'Deny') continue;
    for (const action of asList(s.Action)) if (typeof action === 'string') f(action, s.Resource);
  }
}

/** The policy documents of an IAM role: inline, and AWS::IAM::Policy resources attached to it. */
function roleDocuments(ctx: TranslateContext, roleId: string): Obj[] {
  const role = ctx.resources.get(roleId);
  if (!role || role.type !== 'AWS::IAM::Role') return [];
  const docs: Obj[] = [];
  for (const p of asList(role.props.Policies))
    if (isObj(p) && isObj(p.PolicyDocument)) docs.push(p.PolicyDocument);
  for (const r of ctx.resources.values())
    if (
      (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') &&
      refsIn(r.props.Roles).includes(roleId) &&
      isObj(r.props.PolicyDocument)
    )
      docs.push(r.props.PolicyDocument);
  return docs;
}
