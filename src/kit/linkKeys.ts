/**
 * Address keys that carry a definition the reader brought (an imported workflow, a template):
 * kept here, below every layer that reads or writes links and apart from the codec
 * (`linkCodec.ts`, which brings the compressor), so that the first load knows the keys without
 * loading the code that builds patterns from them or the code that decompresses them.
 */
export const LINK_DEFINITION_KEYS = { asl: 'asl', template: 'template' } as const;
