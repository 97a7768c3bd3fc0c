import type { KindModule, NodeInstance } from '../kind';
import { fail, type Reply, type Trace } from '../messages';

/**
 * A resource the kit has no model for (an imported template's VPC, Kinesis stream, Cognito
 * pool...): drawn with its type so the architecture is complete, but not simulated. No edge of a
 * run leads to it; should a message reach it anyway, it is refused rather than silently kept.
 *
 * Config: `resourceType` (the CloudFormation type, for the card), `why` (why it is not simulated).
 */
class OpaqueNode implements NodeInstance {
  private refused = 0;

  accept(_trace: Trace, reply: Reply): void {
    this.refused++;
    reply(fail('error', 'this resource is not simulated'));
  }

  reconfigure(): void {}

  stats() {
    return { refused: this.refused };
  }
}

/** The `opaque` kind. */
export const opaqueKind: KindModule = {
  kind: 'opaque',
  statKeys: ['refused'],
  create: () => new OpaqueNode(),
};
