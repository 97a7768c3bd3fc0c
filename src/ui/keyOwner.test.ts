import { describe, expect, it } from 'vitest';
import { ownsKey, type FocusInfo } from './keyOwner';

const button: FocusInfo = { tag: 'BUTTON' };
const select: FocusInfo = { tag: 'SELECT' };
const slider: FocusInfo = { tag: 'INPUT', type: 'range' };
const text: FocusInfo = { tag: 'INPUT', type: 'text' };
const number: FocusInfo = { tag: 'INPUT', type: 'number' };
const node: FocusInfo = { tag: 'DIV', flowNode: true };
const tab: FocusInfo = { tag: 'BUTTON', role: 'tab' };

describe('which keys a focused control keeps', () => {
  it('typing fields keep every key', () => {
    for (const key of [' ', '.', 'r', '+', '-', 'ArrowRight', '?'])
      for (const focus of [text, number, { tag: 'TEXTAREA' }, { tag: 'DIV', editable: true }])
        expect(ownsKey(focus, key)).toBe(true);
  });

  it('buttons keep only Space and Enter', () => {
    expect(ownsKey(button, ' ')).toBe(true);
    expect(ownsKey(button, 'Enter')).toBe(true);
    for (const key of ['.', 'r', '+', '-', 'ArrowRight', '?'])
      expect(ownsKey(button, key)).toBe(false);
  });

  it('selects keep their own navigation, not the shortcuts', () => {
    expect(ownsKey(select, ' ')).toBe(true);
    expect(ownsKey(select, 'ArrowDown')).toBe(true);
    for (const key of ['.', 'r', '+', '-', 'ArrowRight']) expect(ownsKey(select, key)).toBe(false);
  });

  it('sliders, tabs and node cards keep their arrows', () => {
    expect(ownsKey(slider, 'ArrowRight')).toBe(true);
    expect(ownsKey(slider, 'PageUp')).toBe(true);
    expect(ownsKey(slider, ' ')).toBe(false);
    expect(ownsKey(slider, '.')).toBe(false);
    expect(ownsKey(tab, 'ArrowRight')).toBe(true);
    expect(ownsKey(node, 'Enter')).toBe(true);
    expect(ownsKey(node, ' ')).toBe(true);
    expect(ownsKey(node, 'ArrowRight')).toBe(true);
    expect(ownsKey(node, 'r')).toBe(false);
  });

  it('nothing focused: every key is a shortcut', () => {
    expect(ownsKey(null, ' ')).toBe(false);
    expect(ownsKey({ tag: 'BODY' }, ' ')).toBe(false);
  });
});
