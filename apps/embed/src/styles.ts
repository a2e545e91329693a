/** The Shadow DOM's stylesheet: launcher and panel, desktop and mobile, on the given side and colour. */
export function panelStyles(color: string, side: "left" | "right"): string {
  return `
:host { all: initial; }
.launcher {
  all: initial; position: fixed; bottom: 20px; ${side}: 20px; width: 56px; height: 56px;
  border-radius: 50%; background: ${color}; color: #fff; cursor: pointer; display: grid;
  place-items: center; box-shadow: 0 6px 20px rgba(0,0,0,.22); transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.05); }
.launcher:focus-visible { outline: 3px solid ${color}; outline-offset: 3px; }
.panel {
  position: fixed; bottom: 88px; ${side}: 20px; width: 380px; height: min(620px, calc(100vh - 110px));
  border: 0; border-radius: 14px; background: #fff; box-shadow: 0 12px 40px rgba(0,0,0,.25);
  visibility: hidden; opacity: 0; transform: translateY(8px);
  transition: opacity .15s ease, transform .15s ease, visibility 0s linear .15s;
}
:host(.open) .panel { visibility: visible; opacity: 1; transform: none; transition-delay: 0s; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  :host(.open) .launcher { bottom: auto; top: 8px; ${side}: 8px; width: 40px; height: 40px; }
}
@media (prefers-reduced-motion: reduce) { .panel, .launcher { transition: none; } }
`;
}
