"use client";

import { autocompletion } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { PostgreSQL, sql, type SQLNamespace } from "@codemirror/lang-sql";
import { Compartment, EditorSelection, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, placeholder } from "@codemirror/view";
import { useEffect, useRef } from "react";

/** Schemas → tables → column names, as `@codemirror/lang-sql` completes them. */
export type CatalogNamespace = SQLNamespace;

/**
 * A CodeMirror 6 SQL editor: PostgreSQL highlighting, completion of the catalog's schemas, tables
 * and columns, Ctrl/Cmd+Enter to run. `jumpTo` (a 1-based character) selects where an error points.
 */
export function SqlEditor({
  value,
  onChange,
  onRun,
  catalog,
  jumpTo,
}: {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  catalog: CatalogNamespace;
  jumpTo: { position: number } | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // The latest callbacks, read by the extensions created once.
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    if (host.current === null) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          Prec.highest(
            keymap.of([
              {
                key: "Mod-Enter",
                run: () => {
                  callbacks.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          language.current.of(sql({ dialect: PostgreSQL, upperCaseKeywords: true })),
          autocompletion(),
          placeholder("SELECT * FROM orders"),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ "aria-label": "SQL query", "data-testid": "sql-input" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          EditorView.theme({
            "&": { minHeight: "9rem", fontSize: "0.875rem" },
            ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, monospace)" },
            "&.cm-focused": { outline: "none" },
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Created once; `value` changes from outside are applied by the next effect.
  }, []);

  // A history entry loaded from outside replaces the text.
  useEffect(() => {
    const current = view.current;
    if (current === null || current.state.doc.toString() === value) return;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(
        sql({ dialect: PostgreSQL, upperCaseKeywords: true, schema: catalog, defaultSchema: "public" }),
      ),
    });
  }, [catalog]);

  useEffect(() => {
    const current = view.current;
    if (current === null || jumpTo === null) return;
    const at = Math.min(Math.max(0, jumpTo.position - 1), current.state.doc.length);
    current.dispatch({
      selection: EditorSelection.range(at, Math.min(at + 1, current.state.doc.length)),
      scrollIntoView: true,
    });
    current.focus();
  }, [jumpTo]);

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md border bg-background focus-within:ring-2 focus-within:ring-ring"
      data-testid="sql-editor"
    />
  );
}
