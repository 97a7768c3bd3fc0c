import type { EdgeKind, ServiceKind } from '../kit';
import type { Unresolved } from './intrinsics';

/**
 * The architecture a template describes, between reading it and making a kit definition: the
 * resources that run (with the settings the template fixes), the edges between them (stated, or
 * only implied by permissions: "may send"), and what is not simulated and why.
 */

/** A resource (or an implicit one SAM would create) as a node of the architecture. */
export interface ArchNode {
  /** The logical id (implicit resources get SAM's names, e.g. `ServerlessRestApi`). */
  id: string;
  /** The CloudFormation type, e.g. `AWS::SQS::Queue`. */
  type: string;
  kind: ServiceKind;
  label: string;
  sublabel?: string;
  /** What the template fixes, in the kit's units (see `toDefinition.ts` for the keys). */
  settings: Record<string, unknown>;
  role?: 'deadLetterQueue';
  /** The line of the resource in the template. */
  line?: number;
}

/** An edge between two nodes, as the template states it or (`mayUse`) only implies it. */
export interface ArchEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
  settings?: Record<string, unknown>;
  filterPolicy?: Record<string, unknown>;
  eventPattern?: Record<string, unknown>;
  route?: { method: string; path: string };
  /** Implied, not stated: why the importer thinks the source may send here. */
  mayUse?: string[];
}

/** A resource (or part of one) the run leaves out, and why. */
export interface NotSimulated {
  id: string;
  type: string;
  why: string;
  line?: number;
}

/** The whole architecture of a template. */
export class Arch {
  readonly nodes = new Map<string, ArchNode>();
  readonly edges: ArchEdge[] = [];
  readonly notSimulated: NotSimulated[] = [];
  /** Resources that only wire the others (roles, permissions, stages...), by logical id. */
  readonly plumbing: string[] = [];
  /** Settings or behaviour approximated, one sentence each. */
  readonly notes: string[] = [];
  unresolved: Unresolved[] = [];

  addNode(node: ArchNode): ArchNode {
    const existing = this.nodes.get(node.id);
    if (existing) return existing;
    this.nodes.set(node.id, node);
    return node;
  }

  /** Adds an edge with a unique id made from its ends (and `suffix`); returns it. */
  addEdge(edge: Omit<ArchEdge, 'id'> & { id?: string }): ArchEdge {
    const base = edge.id ?? `${edge.source}To${edge.target}`;
    let id = base;
    for (let i = 2; this.edges.some((e) => e.id === id); i++) id = `${base}${i}`;
    const full = { ...edge, id };
    this.edges.push(full);
    return full;
  }

  /** Whether an edge of this kind already joins the two nodes. */
  hasEdge(source: string, target: string, kind?: EdgeKind): boolean {
    return this.edges.some(
      (e) => e.source === source && e.target === target && (kind === undefined || e.kind === kind),
    );
  }

  skip(id: string, type: string, why: string, line?: number): void {
    if (!this.notSimulated.some((n) => n.id === id && n.why === why))
      this.notSimulated.push({ id, type, why, ...(line === undefined ? {} : { line }) });
  }
}
