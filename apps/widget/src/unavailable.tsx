import type { Bridge } from "./bridge.ts";

/** The widget's state when it cannot work at all: says why, and can still be closed. */
export function Unavailable({ bridge, message }: { bridge: Bridge; message: string }) {
  return (
    <div className="ab-shell" data-testid="widget-root">
      <header className="ab-header">
        <h1 className="ab-title">Support</h1>
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
      <div className="ab-unavailable" role="alert" data-testid="widget-unavailable">
        <p>{message}</p>
        <p className="ab-muted">If you run this site, check the widget&apos;s data-organization-id.</p>
      </div>
    </div>
  );
}
