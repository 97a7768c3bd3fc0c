import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { filesFromZip, stripCommonFolder } from './templateFiles';

describe('template files from a zip or a folder', () => {
  it('reads the text files of a zip and drops the folder they all share', async () => {
    const zip = zipSync({
      'orders/template.yaml': strToU8('Resources: {}'),
      'orders/statemachine/flow.asl.json': strToU8('{}'),
      'orders/logo.png': new Uint8Array([1, 2, 3]),
      '__MACOSX/orders/._template.yaml': strToU8('x'),
    });
    expect(await filesFromZip(zip)).toEqual({
      'template.yaml': 'Resources: {}',
      'statemachine/flow.asl.json': '{}',
    });
  });

  it('keeps paths that do not share a folder', () => {
    expect(stripCommonFolder({ 'a/x.yaml': '1', 'b/y.yaml': '2' })).toEqual({
      'a/x.yaml': '1',
      'b/y.yaml': '2',
    });
  });
});
