import { HopKind } from '../../engine';
import {
  capital,
  count,
  duration,
  plainWords,
  plural,
  rise,
  sentWords,
  type Narrate,
  type NodeEvent,
} from '../narration';

/**
 * Each service kind's words for what one event did at its node (`KindModule.narrate`). They read
 * the kind's own stats before and after the event, so every number in a sentence is the run's.
 * A hook returns undefined when the event changed nothing a person sees at the node (time
 * passing, a token dripping back into a bucket), and the event is then skipped by Step.
 */

/** The first message that arrived (not an answer), if any. */
const arrival = (e: NodeEvent) => e.arrived.find((m) => !m.answer);
/** The first answer that came back, if any. */
const answer = (e: NodeEvent) => e.arrived.find((m) => m.answer);

/** The users: a request leaves; an answer comes back with its status and how long it took. */
export const narrateUser: Narrate = (e) => {
  const got = answer(e);
  if (got) {
    const status =
      rise(e, 'throttled') > 0
        ? '429 Too Many Requests'
        : rise(e, 'timedOut') > 0
          ? '504 Gateway Timeout'
          : rise(e, 'notFound') > 0
            ? '404 Not Found'
            : rise(e, 'errors') > 0
              ? 'a 5xx error'
              : rise(e, 'clientErrors') > 0
                ? 'a 4xx error'
                : 'a success';
    return `${e.label} got ${status} for ${e.name(got.msgId)} after ${duration(e.ageOf(got.msgId))}`;
  }
  const sent = e.sent.find((m) => !m.answer);
  if (sent) return `${e.label} sent ${e.name(sent.msgId)} to ${sent.peer}`;
  // An EC2 producer counts what it publishes.
  if (rise(e, 'publishFailures') > 0) return `${e.label} could not publish an ${e.noun}`;
  return plainWords(e);
};

/** API Gateway: a request takes a token (or gets a 429), is passed on, is answered. */
export const narrateApiGateway: Narrate = (e) => {
  const got = arrival(e);
  const tokens = `${count(e.after.tokens)} token${e.after.tokens === 1 ? '' : 's'} left`;
  if (got) {
    if (rise(e, 'throttled') > 0)
      return `${capital(e.name(got.msgId))} reached ${e.label} and was refused with 429: no tokens left in its bucket`;
    if (rise(e, 'unrouted') > 0)
      return `${capital(e.name(got.msgId))} reached ${e.label}, but no route takes it`;
    return `${capital(e.name(got.msgId))} reached ${e.label}; ${tokens}`;
  }
  if (rise(e, 'throttled') > 0) return `${e.label} answered 429 Too Many Requests; ${tokens}`;
  if (rise(e, 'timedOut') > 0)
    return `${e.label} gave up waiting for its integration and answered 504`;
  const back = answer(e);
  if (back)
    return `${e.label} got ${back.kind === HopKind.Failure ? 'a failure' : 'the answer'} for ${e.name(back.msgId)} from ${back.peer}`;
  return sentWords(e);
};

/** Lambda: an invocation starts (maybe cold), is throttled, fails, times out or finishes. */
export const narrateLambda: Narrate = (e) => {
  const running = `${count(e.after.concurrency)} of ${count(e.after.concurrencyLimit)} running`;
  const got = arrival(e);
  if (rise(e, 'throttles') > 0)
    return `${e.label} throttled ${got ? e.name(got.msgId) : 'an invocation'}: all ${count(e.after.concurrencyLimit)} of its concurrency is in use`;
  if (got) {
    const cold = rise(e, 'coldStarts') > 0 ? ' (a cold start: a new environment)' : '';
    if (rise(e, 'concurrency') > 0 || rise(e, 'invocations') > 0)
      return `${capital(e.name(got.msgId))} started ${e.label}${cold}; ${running}`;
    if (rise(e, 'asyncQueued') > 0)
      return `${capital(e.name(got.msgId))} joined ${e.label}'s asynchronous event queue (${count(e.after.asyncQueued)} waiting)`;
    return plainWords(e);
  }
  if (rise(e, 'timeouts') > 0) return `${e.label} timed out; ${running}`;
  if (rise(e, 'errors') > 0) {
    const s = e.sent[0];
    return `${e.label} failed${s ? ` on ${e.name(s.msgId)}` : ''}; ${running}`;
  }
  if (rise(e, 'concurrency') < 0) {
    const s = e.sent.find((m) => m.answer) ?? e.sent[0];
    return `${e.label} finished${s ? ` ${e.name(s.msgId)}` : ' an invocation'}; ${running}`;
  }
  const back = answer(e);
  if (back)
    return `${e.label} got ${back.kind === HopKind.Failure ? 'a failure' : 'the answer'} from ${back.peer} for ${e.name(back.msgId)}`;
  if (e.sent.length > 0) return sentWords(e);
  if (rise(e, 'concurrency') > 0 && rise(e, 'asyncQueued') < 0)
    return `${e.label} took an event from its asynchronous queue; ${running}`;
  if (rise(e, 'concurrency') > 0) return `${e.label} started an invocation; ${running}`;
  return undefined;
};

/** SQS: a message joins, a batch is received, messages are deleted, reappear, expire, move. */
export const narrateSqs: Narrate = (e) => {
  const holds = `${e.label} holds ${plural(e.after.visible ?? 0, 'visible message')}${(e.after.inFlight ?? 0) > 0 ? ` and ${count(e.after.inFlight)} in flight` : ''}`;
  const got = arrival(e);
  if (rise(e, 'movedIn') > 0)
    return `${capital(e.name(got?.msgId ?? 0))} moved into ${e.label} after too many receives; it holds ${count(e.after.visible)}`;
  if (got)
    return `${capital(e.name(got.msgId))} joined ${e.label}; it holds ${count(e.after.visible)}`;
  if (rise(e, 'movedToDlq') > 0) {
    const s = e.sent[0];
    return `${s ? capital(e.name(s.msgId)) : 'A message'} was received too many times: ${e.label} moved it to its dead-letter queue`;
  }
  if (rise(e, 'expired') > 0)
    return `${plural(rise(e, 'expired'), e.noun)} outlived the retention period in ${e.label} and ${rise(e, 'expired') === 1 ? 'is' : 'are'} gone`;
  if (rise(e, 'received') > 0) {
    const to = e.sent[0]?.peer;
    return `${to ?? 'A consumer'} received a batch of ${count(rise(e, 'received'))} from ${e.label}; ${count(e.after.visible)} still waiting`;
  }
  if (rise(e, 'deleted') > 0)
    return `${plural(rise(e, 'deleted'), 'processed message')} deleted from ${e.label}; ${count(e.after.visible)} waiting, ${count(e.after.inFlight)} in flight`;
  if (rise(e, 'visible') > 0 && rise(e, 'inFlight') < 0)
    return `${holds}; ${plural(rise(e, 'visible'), 'message')} became visible again after the visibility timeout`;
  if (rise(e, 'visible') > 0 && rise(e, 'delayed') < 0)
    return `${holds}; a delayed message became visible`;
  return undefined;
};

/** SNS and EventBridge: a message is published and fanned out, or a delivery is retried or lost. */
export const narrateFanOut: Narrate = (e) => {
  const got = arrival(e);
  const matched = rise(e, 'matched');
  const filtered = rise(e, 'filtered');
  if (got) {
    if (rise(e, 'throttled') > 0)
      return `${e.label} refused ${e.name(got.msgId)}: over its publish quota`;
    const parts = [plural(matched, 'delivery')];
    if (filtered > 0) parts.push(`${filtered} filtered out`);
    if (matched === 0 && filtered === 0)
      return `${capital(e.name(got.msgId))} reached ${e.label}; ${rise(e, 'unmatched') > 0 ? 'no rule matches it' : 'nothing to deliver it to'}`;
    return `${capital(e.name(got.msgId))} reached ${e.label}: ${parts.join(', ')}`;
  }
  if (rise(e, 'lost') > 0) return `${e.label} gave up a delivery: it is lost`;
  if (rise(e, 'deadLettered') > 0)
    return `${e.label} gave up a delivery and sent it to the dead-letter queue`;
  if (rise(e, 'retried') > 0) {
    const s = e.sent[0];
    return `${e.label} retried ${s ? `${e.name(s.msgId)} to ${s.peer}` : 'a delivery'}; ${count(e.after.inRetry)} waiting to be retried`;
  }
  if (rise(e, 'delivered') > 0 && e.sent.length === 0)
    return `${e.label} delivered a message; ${count(e.after.delivered)} delivered so far`;
  return sentWords(e);
};

/** Aurora: a query runs, waits for a connection, or is refused. */
export const narrateAurora: Narrate = (e) => {
  const busy = `${count(e.after.active)} of ${count(e.after.maxConnections)} connections busy`;
  const got = arrival(e);
  if (got) {
    if (rise(e, 'refused') > 0)
      return `${e.label} refused ${e.name(got.msgId)}: too many connections (${busy})`;
    if (rise(e, 'waiting') > 0)
      return `${capital(e.name(got.msgId))} waits for a connection at ${e.label}; ${busy}`;
    return `${capital(e.name(got.msgId))} reached ${e.label}; ${busy}`;
  }
  const s = e.sent.find((m) => m.answer);
  if (s) return `${e.label} wrote ${e.name(s.msgId)}; ${busy}`;
  return sentWords(e);
};

/** EC2: consumers process what they polled; producers publish. */
export const narrateEc2: Narrate = (e) => {
  const got = arrival(e);
  if (got) return `${capital(e.name(got.msgId))} reached ${e.label}`;
  if (rise(e, 'processed') > 0)
    return `${e.label} processed ${plural(rise(e, 'processed'), e.noun)}; ${count(e.after.processed)} so far`;
  if (rise(e, 'errors') > 0) return `${e.label} failed a batch`;
  if (rise(e, 'running') !== 0)
    return `${e.label}: ${count(e.after.running)} of ${count(e.after.instances)} instances running`;
  if (rise(e, 'produced') > 0 && e.sent.length === 0)
    return `${e.label} produced ${e.noun} #${count(e.after.produced)}`;
  return sentWords(e);
};

/** Email: a delivery arrives, or is refused while the endpoint is down. */
export const narrateEmail: Narrate = (e) => {
  const got = arrival(e);
  if (!got) return sentWords(e);
  if (rise(e, 'refused') > 0)
    return `${e.label} is down and refused ${e.name(got.msgId)}; SNS will retry`;
  return `${capital(e.name(got.msgId))} reached ${e.label}; ${count(e.after.delivered)} delivered`;
};

/** Step Functions: an execution starts, a task is called, an execution ends. */
export const narrateStepFunctions: Narrate = (e) => {
  const got = arrival(e);
  const running = `${count(e.after.running)} running`;
  if (got && rise(e, 'started') > 0)
    return `${capital(e.name(got.msgId))} started an execution of ${e.label}; ${running}`;
  if (rise(e, 'succeeded') > 0) return `An execution of ${e.label} succeeded; ${running}`;
  if (rise(e, 'failed') > 0) return `An execution of ${e.label} failed; ${running}`;
  if (rise(e, 'timedOut') > 0) return `An execution of ${e.label} timed out; ${running}`;
  if (rise(e, 'retries') > 0) return `${e.label} retries a task after an error`;
  const call = e.sent.find((m) => !m.answer);
  if (call) return `${e.label} called ${call.peer} for ${e.name(call.msgId)}`;
  const back = answer(e);
  if (back)
    return `${e.label} got ${back.kind === HopKind.Failure ? 'a failure' : 'the result'} from ${back.peer} for ${e.name(back.msgId)}`;
  if (rise(e, 'transitions') > 0)
    return `An execution of ${e.label} moved to its next state (${count(e.after.transitions)} transitions so far)`;
  return plainWords(e);
};
