import type { ReactNode } from "react";
import type { Bridge } from "./bridge.ts";

/**
 * The widget's title bar in every state, even when it cannot work: the title and a close button that
 * asks the host page to close the iframe. `before` goes left of the title (the inbox button).
 */
export function Header({ title, bridge, before }: { title: string; bridge: Bridge; before?: ReactNode }) {
  return (
    <header className="ab-header">
      {before}
      <h1 className="ab-title">{title}</h1>
      <button
        type="button"
        className="ab-icon-button"
        aria-label="Close chat"
        data-testid="close-button"
        onClick={() => bridge.send({ type: "close" })}
      >
        ×
      </button>
    </header>
  );
}
