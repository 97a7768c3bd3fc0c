/** The array intrinsics: States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
import { jsonEquals } from '../../paths/json';
import { arrayArg, intArg, invalidArguments, type IntrinsicImpl } from '../context';

/** AWS caps States.ArrayRange at this many elements. */
export const ARRAY_RANGE_LIMIT = 1000;

/** The array intrinsics by name. */
export const arrayFunctions: Record<string, IntrinsicImpl> = {
  'States.Array': (args) => args.slice(),

  'States.ArrayPartition': (args) => {
    const name = 'States.ArrayPartition';
    const array = arrayArg(args, 0, name);
    const size = intArg(args, 1, name);
    if (size <= 0) invalidArguments(name);
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },

  'States.ArrayContains': (args) =>
    arrayArg(args, 0, 'States.ArrayContains').some((x) => jsonEquals(x, args[1])),

  'States.ArrayRange': (args) => {
    const name = 'States.ArrayRange';
    const start = intArg(args, 0, name);
    const end = intArg(args, 1, name);
    const step = intArg(args, 2, name);
    if (step === 0) invalidArguments(name);
    const count = (end - start) / step < 0 ? 0 : Math.floor((end - start) / step) + 1;
    if (count > ARRAY_RANGE_LIMIT) invalidArguments(name);
    return Array.from({ length: count }, (_, i) => start + i * step);
  },

  'States.ArrayGetItem': (args) => {
    const name = 'States.ArrayGetItem';
    const array = arrayArg(args, 0, name);
    const index = intArg(args, 1, name);
    if (index < 0 || index >= array.length) invalidArguments(name);
    return array[index];
  },

  'States.ArrayLength': (args) => arrayArg(args, 0, 'States.ArrayLength').length,

  'States.ArrayUnique': (args) => {
    const unique: unknown[] = [];
    for (const item of arrayArg(args, 0, 'States.ArrayUnique')) {
      if (!unique.some((u) => jsonEquals(u, item))) unique.push(item);
    }
    return unique;
  },
};
