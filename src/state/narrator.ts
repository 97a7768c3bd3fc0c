import type { Hop } from '../engine';
import { kindModule, tellEvent, type EventStory, type Narrate } from '../kit';
import type { ScenarioRun } from '../patterns';

/** Step gives up looking for a visible event after this many events (and says so). */
export const MAX_QUIET_EVENTS = 100_000;
/** Hops in transit remembered for arrivals; beyond this the oldest are forgotten. */
const MAX_TRANSIT = 20_000;

/** What a narrated step did: the events it ran, the hops they drew, and its sentence. */
export interface NarratedStep {
  /** The sentence and where it happened; null when nothing visible happened (see `quiet`). */
  story: EventStory | null;
  /** Events run by this step (the invisible ones it skipped included). */
  events: number;
  /** Every hop the step's events drew, for the dot layer. */
  hops: Hop[];
}

/**
 * Runs a run's events one at a time until one changes something a person can see, and tells it
 * in one sentence (`tellEvent` with each kind's `narrate` hook). It remembers the hops still in
 * transit (fed every frame while playing, too), so that an event that is a message arriving is
 * told as that arrival.
 */
export class Narrator {
  private transit: Hop[] = [];

  /** Remembers the hops a frame drew that have not arrived yet (call with every drain). */
  watch(hops: readonly Hop[], now: number): void {
    if (this.transit.length > 0) this.transit = this.transit.filter((h) => h.arriveMs >= now);
    for (const h of hops) if (h.arriveMs >= now) this.transit.push(h);
    if (this.transit.length > MAX_TRANSIT)
      this.transit = this.transit.slice(this.transit.length - MAX_TRANSIT);
  }

  /** A new run: nothing is in transit. */
  clear(): void {
    this.transit = [];
  }

  /** Runs events until a visible one (at most `maxEvents`); see {@link NarratedStep}. */
  step(run: ScenarioRun, maxEvents = MAX_QUIET_EVENTS): NarratedStep {
    const narrators = narratorsOf(run);
    const hops: Hop[] = [];
    const sim = run.world.sim;
    const ledger = run.world.ledger;
    const messages = run.built.messages;
    let events = 0;
    while (events < maxEvents) {
      const before = run.nodeStats();
      const ledgerBefore = ledger.summary();
      if (!run.step()) break;
      events++;
      const now = sim.now;
      const departed = run.drainHops();
      hops.push(...departed);
      const fresh = new Set(departed);
      // A call's hop ends exactly at the event that delivers it (same sum, same double).
      const arrived = this.transit.filter((h) => h.arriveMs === now && !fresh.has(h));
      if (arrived.length > 0) {
        const told = new Set(arrived);
        this.transit = this.transit.filter((h) => !told.has(h));
      }
      this.watch(departed, now);
      const story = tellEvent({
        definition: run.pattern,
        narrators,
        before,
        after: run.nodeStats(),
        departed,
        arrived,
        ledgerBefore,
        ledgerAfter: ledger.summary(),
        ageOf: (id) => now - messages.createdAtOf(id),
        rootOf: (id) => ledger.rootOf(id),
      });
      if (story) return { story, events, hops };
    }
    return { story: null, events, hops };
  }
}

const cache = new WeakMap<ScenarioRun, Map<string, Narrate | undefined>>();

/** Each node's narrate hook, from its kind's module. */
function narratorsOf(run: ScenarioRun): Map<string, Narrate | undefined> {
  let map = cache.get(run);
  if (!map) {
    map = new Map(run.pattern.nodes.map((n) => [n.id, kindModule(n.kind).narrate]));
    cache.set(run, map);
  }
  return map;
}
