import { fromCallback, setup } from 'xstate';

/** The playback states the UI shows. */
export type PlaybackStatus = 'idle' | 'running' | 'paused' | 'stepping' | 'finished';

/** What the controls can ask of playback. */
export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'RESET' }
  /** New parameters or seed: rebuild the run at t=0, keep playing if it was playing. */
  | { type: 'RESTART' }
  /** Sent by the frame loop when the run has nothing left or reached its time limit. */
  | { type: 'FINISH' }
  /** The run was just advanced to a chosen moment (a link's time): show it, paused. */
  | { type: 'SEEK' }
  /** The run was replaced by one brought to another moment (Step back, a tour): show it paused. */
  | { type: 'JUMP' };

/**
 * The playback machine: idle (t=0), running, paused, stepping (one event, then paused) and
 * finished. It only describes the states; `createSimulator` provides the frame loop (an actor that
 * lives while running), the step, the rebuild, and the "is it over" guard.
 */
export const playbackMachine = setup({
  types: {
    events: {} as PlaybackEvent,
  },
  actors: {
    frameLoop: fromCallback<PlaybackEvent>(() => () => undefined),
  },
  actions: {
    stepOnce: () => undefined,
    rebuild: () => undefined,
  },
  guards: {
    isOver: () => false,
  },
}).createMachine({
  id: 'playback',
  initial: 'idle',
  on: {
    RESET: { target: '.idle', actions: 'rebuild' },
    SEEK: { target: '.paused' },
    JUMP: '.paused',
  },
  states: {
    idle: {
      on: {
        PLAY: 'running',
        TOGGLE: 'running',
        STEP: 'stepping',
        RESTART: { actions: 'rebuild' },
      },
    },
    running: {
      invoke: { src: 'frameLoop' },
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        STEP: 'stepping',
        FINISH: 'finished',
        RESTART: { actions: 'rebuild' },
      },
    },
    paused: {
      on: {
        PLAY: 'running',
        TOGGLE: 'running',
        STEP: 'stepping',
        RESTART: { target: 'idle', actions: 'rebuild' },
      },
    },
    stepping: {
      entry: 'stepOnce',
      always: [{ guard: 'isOver', target: 'finished' }, { target: 'paused' }],
    },
    finished: {
      on: {
        RESTART: { target: 'idle', actions: 'rebuild' },
        STEP: {},
        PLAY: {},
        TOGGLE: {},
      },
    },
  },
});
