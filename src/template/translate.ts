import { cfnEdges, cfnNode, EDGE_TYPES, PLUMBING } from './cloudformation';
import { isObj, TranslateContext, type Obj, type Resource, type TemplateFiles } from './context';
import { inferEdges } from './infer';
import { Resolver, type Unresolved } from './intrinsics';
import type { Arch, NotSimulated } from './model';
import { parseFile, TemplateError } from './parse';
import { applyGlobals, samEdges, samNode } from './sam';

/** What a template's resources became. */
export interface ResourceReport {
  /** Logical ids of the resources the run simulates (implicit ones SAM makes included). */
  simulated: string[];
  /** Resources (or parts: an event, a route, a Task) left out, with why. */
  notSimulated: NotSimulated[];
  /** Values the template alone cannot tell (imports, SSM parameters...), with where. */
  unresolved: Unresolved[];
  /** Resources that only wire the others (roles, permissions, stages, policies). */
  plumbing: string[];
}

/** A template read into an architecture. */
export interface ImportedTemplate {
  /** The template's file (within the files given). */
  file: string;
  /** A short name: the folder's name, or the file's without extension. */
  name: string;
  description: string;
  arch: Arch;
  resources: ResourceReport;
}

/** Options for {@link importTemplate}. */
export interface ImportOptions {
  /** Template parameter values, by name, in place of the defaults. */
  parameters?: Record<string, string>;
  /** Which of the files is the template (default: see {@link findTemplate}). */
  main?: string;
  /** A name for it (default: its folder's, or its file's without extension). */
  name?: string;
}

const TEMPLATE_NAME = /(^|\/)(template|sam-template|cfn-template|stack)\.(ya?ml|json)$/i;

/**
 * The template among `files`: `template.yaml` (or .yml/.json) nearest the top, else the first
 * YAML or JSON file that has a `Resources` section. Undefined when there is none.
 */
export function findTemplate(files: TemplateFiles): string | undefined {
  const paths = Object.keys(files).sort(
    (a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b),
  );
  const named = paths.find((p) => TEMPLATE_NAME.test(p));
  if (named) return named;
  return paths.find(
    (p) => /\.(ya?ml|json|template)$/i.test(p) && /(^|\n)\s*"?Resources"?\s*:/.test(files[p] ?? ''),
  );
}

/**
 * Reads a SAM or CloudFormation template (and the files it names) into an architecture. Throws
 * {@link TemplateError} (with the line) for a template that cannot be read; anything it can
 * read but not simulate is listed in `resources.notSimulated`, never thrown.
 */
export function importTemplate(
  files: TemplateFiles,
  options: ImportOptions = {},
): ImportedTemplate {
  const file = options.main ?? findTemplate(files);
  if (!file)
    throw new TemplateError('no template found (a YAML or JSON file with Resources)', '(files)');
  const parsed = parseFile(files[file] ?? '', file);
  if (!isObj(parsed.body)) throw new TemplateError('a template is a mapping at the top', file, 1);
  const body = parsed.body;
  if (!isObj(body.Resources))
    throw new TemplateError(
      'the template has no Resources section',
      file,
      parsed.lineOf(['Resources']) ?? 1,
    );
  applyGlobals(body);
  const resolver = new Resolver(body, options.parameters ?? {});
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const ctx = new TranslateContext(parsed, resolver, files, dir);

  // Resolve every resource (leaving out those whose condition is false).
  for (const [id, raw] of Object.entries(body.Resources)) {
    const line = parsed.lineOf(['Resources', id]);
    if (!isObj(raw) || typeof raw.Type !== 'string') {
      throw new TemplateError(`resource ${id} has no Type`, file, line);
    }
    if (
      typeof raw.Condition === 'string' &&
      !resolver.condition(raw.Condition, `Resources.${id}.Condition`)
    ) {
      ctx.arch.notes.push(
        `${id} is left out: its condition ${raw.Condition} is false with the parameters' defaults.`,
      );
      continue;
    }
    const props = resolver.resolve(raw.Properties ?? {}, `Resources.${id}.Properties`);
    ctx.resources.set(id, {
      id,
      type: raw.Type,
      props: isObj(props) ? props : {},
      ...(line === undefined ? {} : { line }),
    });
  }

  // Nodes, then the edges between them, then the edges only implied.
  const simulated: string[] = [];
  const plumbing: string[] = [];
  for (const r of ctx.resources.values()) {
    if (samNode(ctx, r) || cfnNode(ctx, r) || EDGE_TYPES.has(r.type)) simulated.push(r.id);
    else if (PLUMBING.test(r.type) || plainDnsRecord(r)) plumbing.push(r.id);
    else opaque(ctx, r);
  }
  for (const r of ctx.resources.values()) {
    if (!samEdges(ctx, r)) cfnEdges(ctx, r);
  }
  inferEdges(ctx);
  // Resources that turned out not to run (a state machine without its definition).
  for (const n of ctx.arch.nodes.values())
    if (n.kind === 'opaque' && simulated.includes(n.id))
      simulated.splice(simulated.indexOf(n.id), 1);
  // Implicit resources, and plumbing that took part after all (a log group a rule writes to).
  for (const n of ctx.arch.nodes.values())
    if (n.kind !== 'opaque' && !simulated.includes(n.id)) {
      simulated.push(n.id);
      if (plumbing.includes(n.id)) plumbing.splice(plumbing.indexOf(n.id), 1);
    }
  ctx.arch.plumbing.push(...plumbing);
  ctx.arch.unresolved = resolver.unresolved;

  const name = options.name ?? (dir ? (dir.split('/').pop() ?? dir) : file.replace(/\.[^.]+$/, ''));
  const description = typeof body.Description === 'string' ? body.Description.trim() : '';
  return {
    file,
    name,
    description,
    arch: ctx.arch,
    resources: {
      simulated,
      notSimulated: ctx.arch.notSimulated,
      unresolved: resolver.unresolved,
      plumbing,
    },
  };
}

/** Why a resource type has no model, in a reader's words. */
function whyNot(type: string): string {
  if (
    /^AWS::EC2::(VPC|Subnet|SecurityGroup|InternetGateway|NatGateway|Route|RouteTable|VPCGatewayAttachment|SubnetRouteTableAssociation|EIP|VPCEndpoint|SecurityGroupIngress|SecurityGroupEgress)/.test(
      type,
    )
  )
    return 'networking is not simulated (calls go through as if the network allowed them)';
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
    return 'a custom resource runs at deployment, not in the traffic';
  if (type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application')
    return 'a nested stack: its resources are not in this template';
  if (/Authorizer$/.test(type))
    return 'authorizers are not simulated (requests pass as if authorized)';
  if (type.startsWith('AWS::ApiGateway::') || type.startsWith('AWS::ApiGatewayV2::'))
    return 'this part of API Gateway is not simulated';
  return `no model for ${type}`;
}

function opaque(ctx: TranslateContext, r: Resource): void {
  const why = whyNot(r.type);
  ctx.arch.addNode({
    id: r.id,
    type: r.type,
    kind: 'opaque',
    label: r.id,
    sublabel: r.type.replace(/^AWS::/, ''),
    settings: { why },
    ...(r.line === undefined ? {} : { line: r.line }),
  });
  ctx.arch.skip(r.id, r.type, why, r.line);
}

export type { Obj };

/** A DNS record without a routing policy only names something: plumbing. */
function plainDnsRecord(r: Resource): boolean {
  if (r.type !== 'AWS::Route53::RecordSet') return false;
  return ![
    'Failover',
    'Weight',
    'Region',
    'GeoLocation',
    'MultiValueAnswer',
    'CidrRoutingConfig',
  ].some((k) => k in r.props);
}
