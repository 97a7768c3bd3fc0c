/** The playback buttons' icons (the full app's bar and the compare view's). */
const icon = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true } as const;
export function PlayIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <path d="M4 2.5v11l9-5.5z" />
    </svg>
  );
}
export function PauseIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <rect x="3.5" y="2.5" width="3.2" height="11" rx="1" />
      <rect x="9.3" y="2.5" width="3.2" height="11" rx="1" />
    </svg>
  );
}
export function StepIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <path d="M3 2.5v11l7-5.5z" />
      <rect x="11" y="2.5" width="2.5" height="11" rx="1" />
    </svg>
  );
}
export function StepBackIcon() {
  return (
    <svg {...icon} fill="currentColor">
      <path d="M13 2.5v11l-7-5.5z" />
      <rect x="2.5" y="2.5" width="2.5" height="11" rx="1" />
    </svg>
  );
}
export function ResetIcon() {
  return (
    <svg {...icon} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M3 8a5 5 0 1 0 1.6-3.7" />
      <path d="M3 2.5v3h3" />
    </svg>
  );
}
