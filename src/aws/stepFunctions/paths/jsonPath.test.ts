import { describe, expect, it } from 'vitest';
import { StatesError } from '../statesError';
import {
  isDefinitePath,
  isPathValid,
  isReferencePath,
  pathVariable,
  readPath,
  tryReadPath,
} from '.';

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Rees', title: 'Sayings', price: 8.95 },
      { category: 'fiction', author: 'Waugh', title: 'Sword', price: 12.99, isbn: '0-553' },
      { category: 'fiction', author: 'Tolkien', title: 'LOTR', price: 22.99, isbn: '0-395' },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  'sub-values': [1, 2],
  'a.b': 'dotted',
};

function failure(fn: () => unknown): { error: string; cause: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatesError) return { error: e.error, cause: e.cause };
    throw e;
  }
  throw new Error('expected a StatesError');
}

describe('readPath: definite paths', () => {
  it('reads the root and dotted members', () => {
    expect(readPath('$', store)).toBe(store);
    expect(readPath('$.store.bicycle.color', store)).toBe('red');
    expect(readPath('$.sub-values', store)).toEqual([1, 2]);
  });

  it('reads bracket members with either quote, and names dot notation cannot express', () => {
    expect(readPath("$['store']['bicycle']", store)).toEqual({ color: 'red', price: 19.95 });
    expect(readPath('$["store"].bicycle["price"]', store)).toBe(19.95);
    expect(readPath("$['a.b']", store)).toBe('dotted');
  });

  it('keeps backslashes other than an escaped delimiter inside quoted names (AWS data)', () => {
    const key = 'Test\\""Name"';
    expect(readPath(`$['Test\\""Name"']`, { [key]: 'v' })).toBe('v');
    expect(readPath("$['it\\'s']", { "it's": 1 })).toBe(1);
  });

  it('indexes arrays, negative indices counting from the end', () => {
    expect(readPath('$.store.book[0].author', store)).toBe('Rees');
    expect(readPath('$.store.book[-1].title', store)).toBe('LOTR');
  });

  it('resolves an index past the end to null, as AWS does for a plain reference', () => {
    expect(readPath('$.items[5]', { items: [1, 2] })).toBeNull();
  });

  it('returns JSON null values as values, not misses', () => {
    expect(readPath('$.a', { a: null })).toBeNull();
  });
});

describe('readPath: indefinite paths', () => {
  it('wildcards over arrays and objects', () => {
    expect(readPath('$.store.book[*].author', store)).toEqual(['Rees', 'Waugh', 'Tolkien']);
    expect(readPath('$.store.bicycle.*', store)).toEqual(['red', 19.95]);
  });

  it('slices with open and negative bounds', () => {
    expect(readPath('$.n[0:2]', { n: [0, 1, 2, 3] })).toEqual([0, 1]);
    expect(readPath('$.n[:2]', { n: [0, 1, 2, 3] })).toEqual([0, 1]);
    expect(readPath('$.n[2:]', { n: [0, 1, 2, 3] })).toEqual([2, 3]);
    expect(readPath('$.n[-2:]', { n: [0, 1, 2, 3] })).toEqual([2, 3]);
    expect(readPath('$.n[1:10]', { n: [0, 1] })).toEqual([1]);
  });

  it('index lists and multi-member brackets', () => {
    expect(readPath('$.n[0,2]', { n: ['a', 'b', 'c'] })).toEqual(['a', 'c']);
    expect(readPath("$['x','y']", { x: 1, y: 2, z: 3 })).toEqual([1, 2]);
  });

  it('deep scan', () => {
    expect(readPath('$..author', store)).toEqual(['Rees', 'Waugh', 'Tolkien']);
    expect(readPath('$..price', store)).toEqual([8.95, 12.99, 22.99, 19.95]);
    expect(readPath('$..book[0].title', store)).toEqual(['Sayings']);
  });

  it('skips misses once indefinite: a wildcard matching nothing is an empty array', () => {
    expect(readPath('$.items[*].nope', { items: [1, 2] })).toEqual([]);
    expect(readPath('$.store.book[*].isbn', store)).toEqual(['0-553', '0-395']);
  });

  it('still fails on a missing definite prefix, as Jayway does', () => {
    expect(failure(() => readPath('$.missing[*]', {})).cause).toBe(
      "Invalid path '$.missing[*]' : Missing property in path $['missing']",
    );
  });
});

describe('readPath: filters', () => {
  it('compares numbers and strings', () => {
    expect(readPath('$.store.book[?(@.price < 10)].title', store)).toEqual(['Sayings']);
    expect(readPath("$.store.book[?(@.category == 'fiction')].author", store)).toEqual([
      'Waugh',
      'Tolkien',
    ]);
    expect(
      readPath('$.users[?(@.status == 0)]', { users: [{ status: 0 }, { status: 1 }] }),
    ).toEqual([{ status: 0 }]);
  });

  it('tests existence, negation and boolean combinations', () => {
    expect(readPath('$.store.book[?(@.isbn)].title', store)).toEqual(['Sword', 'LOTR']);
    expect(readPath('$.store.book[?(!@.isbn)].title', store)).toEqual(['Sayings']);
    expect(readPath("$.store.book[?(@.price > 10 && @.author != 'Waugh')].title", store)).toEqual([
      'LOTR',
    ]);
    expect(readPath('$.store.book[?(@.price < 9 || @.price > 20)].title', store)).toEqual([
      'Sayings',
      'LOTR',
    ]);
  });

  it('supports regex, in/nin, size and references to the root', () => {
    expect(readPath('$.store.book[?(@.author =~ /^T.*/)].title', store)).toEqual(['LOTR']);
    expect(readPath("$.store.book[?(@.author in ['Rees','Tolkien'])].price", store)).toEqual([
      8.95, 22.99,
    ]);
    expect(readPath("$.store.book[?(@.author nin ['Rees'])].price", store)).toEqual([12.99, 22.99]);
    expect(readPath('$.a[?(@.t size 2)]', { a: [{ t: 'ab' }, { t: 'abc' }] })).toEqual([
      { t: 'ab' },
    ]);
    expect(readPath('$.store.book[?(@.price > $.limit)].title', { ...store, limit: 20 })).toEqual([
      'LOTR',
    ]);
  });

  it('matches nested values and a filter on a non-matching field yields []', () => {
    expect(readPath("$.a[?(@.b.c == 'x')]", { a: [{ b: { c: 'x' } }, { b: {} }] })).toEqual([
      { b: { c: 'x' } },
    ]);
    expect(readPath('$.a[?(@.zzz == 1)]', { a: [{ b: 1 }] })).toEqual([]);
  });
});

describe('readPath: roots', () => {
  const context = { Execution: { Input: { k: 'v' } }, Map: { Item: { Index: 3, Value: 'x' } } };

  it('$$ reads the Context Object', () => {
    expect(readPath('$$', {}, { context })).toBe(context);
    expect(readPath('$$.Execution.Input.k', {}, { context })).toBe('v');
    expect(readPath('$$.Map.Item.Index', {}, { context })).toBe(3);
  });

  it('$name reads a variable', () => {
    const variables = { maxItems: '2', obj: { list: [10, 20] } };
    expect(readPath('$maxItems', {}, { variables })).toBe('2');
    expect(readPath('$obj.list[1]', {}, { variables })).toBe(20);
    expect(failure(() => readPath('$nope', {}, { variables })).cause).toBe(
      "Invalid path '$nope' : The variable '$nope' is not defined",
    );
  });
});

describe('readPath: misses carry AWS/Jayway wording', () => {
  it('a missing leaf', () => {
    expect(failure(() => readPath('$.Payload', { a: 1 }))).toEqual({
      error: 'States.Runtime',
      cause: "Invalid path '$.Payload' : No results for path: $['Payload']",
    });
    expect(failure(() => readPath('$.a.b[0].c', { a: { b: [{}] } })).cause).toBe(
      "Invalid path '$.a.b[0].c' : No results for path: $['a']['b'][0]['c']",
    );
  });

  it('a missing intermediate member', () => {
    expect(failure(() => readPath('$.a.b', {})).cause).toBe(
      "Invalid path '$.a.b' : Missing property in path $['a']",
    );
  });

  it('indexing something that is not an array', () => {
    expect(failure(() => readPath('$.other[0]', { other: 1 })).cause).toBe(
      "Invalid path '$.other[0]' : Filter: [0] can only be applied to arrays. Current context is: 1",
    );
    expect(failure(() => readPath('$.n[0]', { n: null })).cause).toBe(
      "Invalid path '$.n[0]' : The path $['n'] is null",
    );
  });

  it('a member of something that is not an object', () => {
    expect(failure(() => readPath('$.a.b', { a: 'text' })).cause).toBe(
      "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.String'. " +
        "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider'.",
    );
  });

  it('tryReadPath reports a miss without throwing', () => {
    expect(tryReadPath('$.x', {})).toEqual({
      found: false,
      message: "No results for path: $['x']",
    });
    expect(tryReadPath('$.items[5]', { items: [] }, {}, { strictIndex: true }).found).toBe(false);
  });

  it('a syntax error is a States.Runtime error', () => {
    expect(failure(() => readPath('$.a[', {})).error).toBe('States.Runtime');
  });
});

describe('path validation', () => {
  it.each([
    '$',
    '$.a',
    "$['a b']",
    '$.a[0]',
    '$.a[*]',
    '$.a[1:2]',
    '$..x',
    '$.a[?(@.x > 1)]',
    '$$.Execution.Input',
    '$var.x',
    '$.sub-values',
  ])('%s is valid', (p) => expect(isPathValid(p)).toBe(true));

  it.each(['', 'a.b', '$.', '$..', '$.a[', '$.a[x]', '$.a b', "$['a]", '$.a[?(@.x > 1]'])(
    '%s is invalid',
    (p) => expect(isPathValid(p)).toBe(false),
  );

  it('tells Reference Paths and definite paths apart', () => {
    expect(isReferencePath('$.a.b[0]')).toBe(true);
    expect(isReferencePath('$.a[*]')).toBe(false);
    expect(isReferencePath('$$.Execution')).toBe(false);
    expect(isReferencePath('$var')).toBe(false);
    expect(isDefinitePath('$$.Map.Item.Value')).toBe(true);
    expect(isDefinitePath('$..a')).toBe(false);
    expect(pathVariable('$maxItems')).toBe('maxItems');
    expect(pathVariable('$.maxItems')).toBeUndefined();
  });
});
