/**
 * Map's ItemReader and ItemBatcher: items read from (simulated) S3 objects as JSON, JSON Lines,
 * CSV or an object listing, capped by MaxItems, and grouped into batches.
 */
import { ErrorNames } from './errors';
import { StatesError } from './statesError';
import type { ItemReaderDefinition } from './types';

/** AWS's ceiling on MaxItems; larger values are accepted and clamped. */
export const MAX_ITEMS_LIMIT = 100_000_000;

function readerFailed(cause: string): StatesError {
  return new StatesError(ErrorNames.ItemReaderFailed, cause);
}

const DELIMITERS: Record<string, string> = {
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  SPACE: ' ',
  TAB: '\t',
};

/** Splits CSV text into rows of fields (RFC 4180 quoting; CRLF or LF line ends). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\n') endRow();
    else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Rows to objects keyed by the headers: missing trailing fields read as "", fields beyond the
 * headers are dropped (both as AWS does).
 */
function csvItems(rows: string[][], headers: string[]): Record<string, string>[] {
  return rows.map((row) => {
    const item: Record<string, string> = {};
    headers.forEach((h, i) => {
      item[h] = row[i] ?? '';
    });
    return item;
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw readerFailed('Attempting to map over non-iterable node.');
  }
}

/** Follows a JSON Pointer (ReaderConfig.ItemsPointer) into a document. */
function pointer(doc: unknown, ptr: string): unknown {
  if (ptr === '' || ptr === '/') return doc;
  let node = doc;
  for (const raw of ptr.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (node !== null && typeof node === 'object')
      node = (node as Record<string, unknown>)[key];
    else node = undefined;
    if (node === undefined) {
      throw readerFailed(
        'The provided ReaderConfig.ItemsPointer does not match any valid path in the JSON structure.',
      );
    }
  }
  return node;
}

/**
 * Reads the items an ItemReader designates. `parameters` is the evaluated Parameters/Arguments
 * (Bucket, Key or Prefix); `maxItems` is 0 for "no limit".
 */
export function readItems(
  reader: ItemReaderDefinition,
  parameters: Record<string, unknown>,
  s3Objects: Readonly<Record<string, string>>,
  maxItems: number,
): unknown[] {
  const bucket = String(parameters.Bucket ?? '');
  const config = reader.ReaderConfig ?? {};
  let items: unknown[];
  if (reader.Resource.endsWith(':listObjectsV2')) {
    const prefix = `${bucket}/${String(parameters.Prefix ?? '')}`;
    items = Object.keys(s3Objects)
      .filter((k) => k.startsWith(prefix))
      .sort()
      .map((k) => ({
        Key: k.slice(bucket.length + 1),
        Size: (s3Objects[k] ?? '').length,
        StorageClass: 'STANDARD',
      }));
  } else {
    const key = String(parameters.Key ?? '');
    const text = s3Objects[`${bucket}/${key}`];
    if (text === undefined)
      throw readerFailed(`The specified key does not exist. (Bucket: ${bucket}, Key: ${key})`);
    const type = config.InputType ?? 'JSON';
    if (type === 'CSV') {
      const rows = parseCsv(text, DELIMITERS[config.CSVDelimiter ?? 'COMMA']).filter(
        (r) => !(r.length === 1 && r[0] === ''),
      );
      const headers =
        config.CSVHeaderLocation === 'GIVEN' ? (config.CSVHeaders ?? []) : (rows.shift() ?? []);
      items = csvItems(rows, headers);
    } else if (type === 'JSONL') {
      items = text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .map(parseJson);
    } else {
      const doc =
        config.ItemsPointer !== undefined
          ? pointer(parseJson(text), config.ItemsPointer)
          : parseJson(text);
      if (!Array.isArray(doc)) throw readerFailed('Attempting to map over non-iterable node.');
      items = doc;
    }
  }
  return maxItems > 0 ? items.slice(0, Math.min(maxItems, MAX_ITEMS_LIMIT)) : items;
}

/** Groups items into `{Items: [...]}` batches (plus BatchInput when given). */
export function batchItems(
  items: unknown[],
  maxItemsPerBatch: number | undefined,
  maxBytesPerBatch: number | undefined,
  batchInput: unknown,
): unknown[] {
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    batches.push(
      batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current },
    );
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = (JSON.stringify(item) ?? '').length + 1;
    const fullByCount =
      maxItemsPerBatch !== undefined && maxItemsPerBatch > 0 && current.length >= maxItemsPerBatch;
    const fullByBytes =
      maxBytesPerBatch !== undefined &&
      maxBytesPerBatch > 0 &&
      current.length > 0 &&
      bytes + size > maxBytesPerBatch;
    if (fullByCount || fullByBytes) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}
