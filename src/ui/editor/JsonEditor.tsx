import { Suspense, lazy } from 'react';

/** What the JSON editor takes. */
export interface JsonEditorProps {
  /** The text; a different value from outside replaces what is in the editor. */
  value: string;
  onChange: (text: string) => void;
  /** Problems to mark in the text (character offsets) and in the gutter. */
  diagnostics: readonly { from: number; to: number; message: string }[];
  /** The editor's accessible name. */
  label: string;
  /** Id of the element that describes the text's state (its validation message). */
  describedBy?: string;
  /** Put on the editable element, for tests. */
  testId?: string;
  minHeight?: number;
  maxHeight?: number;
}

// CodeMirror is loaded only when an editor is first shown: it is not in the first-load bundle.
const CodeMirrorJson = lazy(() => import('./CodeMirrorJson'));

/** A JSON code editor (CodeMirror 6, loaded on first use) with highlighting and error marks. */
export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense
      fallback={
        <pre
          className="json-editor-loading"
          style={{ minHeight: props.minHeight ?? 120 }}
          aria-label={`${props.label} (loading the editor)`}
        >
          {props.value}
        </pre>
      }
    >
      <CodeMirrorJson {...props} />
    </Suspense>
  );
}
