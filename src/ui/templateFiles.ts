/** Template files by path, as the importer takes them. */
export type Files = Record<string, string>;

const TEXT = /\.(ya?ml|json|asl|template|txt)$/i;
const MAX_FILES = 400;
const MAX_BYTES = 4_000_000;

/**
 * The text files of a zip archive (a template with its state machine and OpenAPI files). The
 * decompressor loads with the first zip, not with the page.
 */
export async function filesFromZip(bytes: Uint8Array): Promise<Files> {
  const { unzipSync, strFromU8 } = await import('fflate');
  const out: Files = {};
  const entries = unzipSync(bytes, {
    filter: (f) => TEXT.test(f.name) && f.originalSize < MAX_BYTES,
  });
  for (const [path, data] of Object.entries(entries).slice(0, MAX_FILES))
    if (!path.startsWith('__MACOSX/')) out[path] = strFromU8(data);
  return stripCommonFolder(out);
}

/** Removes the folder every path starts with, so `project/template.yaml` is `template.yaml`. */
export function stripCommonFolder(files: Files): Files {
  const paths = Object.keys(files);
  if (paths.length === 0) return files;
  const first = paths[0]?.split('/')[0] ?? '';
  if (!first || !paths.every((p) => p.startsWith(`${first}/`))) return files;
  const out: Files = {};
  for (const [p, text] of Object.entries(files)) out[p.slice(first.length + 1)] = text;
  return out;
}

/** Reads dropped or chosen files (a zip is opened) into template files. */
export async function filesFromList(list: readonly File[]): Promise<Files> {
  const out: Files = {};
  for (const file of list.slice(0, MAX_FILES)) {
    const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    if (/\.zip$/i.test(file.name))
      Object.assign(out, await filesFromZip(new Uint8Array(await file.arrayBuffer())));
    else if (TEXT.test(file.name) && file.size < MAX_BYTES) out[path] = await file.text();
  }
  return stripCommonFolder(out);
}

interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): {
    readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void;
  };
}

/** Reads a drop (files, folders, zips) into template files, walking dropped folders. */
export async function filesFromDrop(data: DataTransfer): Promise<Files> {
  const entries: Entry[] = [];
  for (const item of Array.from(data.items)) {
    const entry = (
      item as DataTransferItem & { webkitGetAsEntry?(): Entry | null }
    ).webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  if (entries.length === 0) return filesFromList(Array.from(data.files));
  const found: File[] = [];
  const paths: string[] = [];
  const walk = async (entry: Entry, prefix: string): Promise<void> => {
    if (found.length >= MAX_FILES) return;
    if (entry.isFile && entry.file) {
      const file = await new Promise<File>((ok, fail) => entry.file?.(ok, fail));
      found.push(file);
      paths.push(prefix + entry.name);
    } else if (entry.isDirectory && entry.createReader) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  for (const e of entries) await walk(e, '');
  const out: Files = {};
  for (let i = 0; i < found.length; i++) {
    const file = found[i] as File;
    const path = paths[i] as string;
    if (/\.zip$/i.test(file.name))
      Object.assign(out, await filesFromZip(new Uint8Array(await file.arrayBuffer())));
    else if (TEXT.test(file.name) && file.size < MAX_BYTES) out[path] = await file.text();
  }
  return stripCommonFolder(out);
}
