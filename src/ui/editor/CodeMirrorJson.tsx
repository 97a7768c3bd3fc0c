import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  HighlightStyle,
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView } from 'codemirror';
import {
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { JsonEditorProps } from './JsonEditor';

/** JSON colours from the app's theme variables, so light and dark both read well. */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--cm-key)' },
  { tag: tags.string, color: 'var(--cm-string)' },
  { tag: tags.number, color: 'var(--cm-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--cm-literal)', fontWeight: '600' },
  { tag: [tags.brace, tags.squareBracket, tags.separator], color: 'var(--cm-punct)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

const theme = EditorView.theme({
  '&': {
    fontSize: '12px',
    color: 'var(--fg)',
    backgroundColor: 'var(--panel-2)',
    border: '1px solid var(--border)',
    borderRadius: '8px',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
    lineHeight: '1.55',
    overflow: 'auto',
  },
  '.cm-content': { caretColor: 'var(--fg)', padding: '6px 0' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--muted)',
    border: 'none',
    borderRadius: '8px 0 0 8px',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--control) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--fg-soft)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--control) 25%, transparent) !important',
  },
  '.cm-matchingBracket': {
    backgroundColor: 'color-mix(in srgb, var(--good) 22%, transparent)',
    outline: 'none',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--fg)',
    border: '1px solid var(--border-strong)',
    borderRadius: '6px',
  },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--bad)',
    textUnderlineOffset: '3px',
    backgroundColor: 'color-mix(in srgb, var(--bad) 12%, transparent)',
  },
  '.cm-lint-marker': { width: '0.9em', height: '0.9em' },
});

/** Marks the transactions that bring in a value from outside (they are not the reader's edits). */
const fromOutside = Annotation.define<boolean>();

/** Diagnostics placed inside a document of `length` characters. */
function clamp(diagnostics: JsonEditorProps['diagnostics'], length: number): Diagnostic[] {
  return diagnostics.map((d) => {
    const from = Math.min(Math.max(0, d.from), length);
    return {
      from,
      to: Math.min(Math.max(from, d.to), length),
      severity: 'error',
      message: d.message,
    };
  });
}

/**
 * CodeMirror 6 over JSON: highlighting, brackets, undo, line numbers, and the diagnostics the
 * owner computes (marked in the text and the gutter). Loaded lazily: see JsonEditor.
 */
export default function CodeMirrorJson({
  value,
  onChange,
  diagnostics,
  label,
  describedBy,
  testId,
  minHeight = 120,
  maxHeight = 360,
}: JsonEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // The editor is made once; later values come in as transactions (below).
  useEffect(() => {
    if (!host.current) return;
    const attributes: Record<string, string> = { 'aria-label': label };
    if (describedBy) attributes['aria-describedby'] = describedBy;
    if (testId) attributes['data-testid'] = testId;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          json(),
          syntaxHighlighting(highlight),
          lintGutter(),
          // No Tab binding: Tab leaves the editor, as everywhere else in the page.
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...lintKeymap]),
          EditorState.tabSize.of(2),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of(attributes),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((t) => t.annotation(fromOutside)))
              onChangeRef.current(u.state.doc.toString());
          }),
          theme,
          EditorView.theme({
            '&': { maxHeight: `${maxHeight}px` },
            '.cm-content, .cm-gutter': { minHeight: `${minHeight}px` },
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // Made once per mount; value and diagnostics are synced by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A new value from outside (a reset, a sample picked): replace the text.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current !== value)
      v.dispatch({
        changes: { from: 0, to: current.length, insert: value },
        annotations: fromOutside.of(true),
      });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch(setDiagnostics(v.state, clamp(diagnostics, v.state.doc.length)));
  }, [diagnostics]);

  return <div ref={host} className="json-editor" />;
}
