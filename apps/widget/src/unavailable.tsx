import type { Bridge } from "./bridge.ts";
import { Header } from "./header.tsx";

/** The widget's state when it cannot work at all: says why, and can still be closed. */
export function Unavailable({ bridge, message }: { bridge: Bridge; message: string }) {
  return (
    <div className="ab-shell" data-testid="widget-root">
      <Header title="Support" bridge={bridge} />
      <div className="ab-unavailable" role="alert" data-testid="widget-unavailable">
        <p>{message}</p>
        <p className="ab-muted">If you run this site, check the widget&apos;s data-organization-id.</p>
      </div>
    </div>
  );
}
