import { StrokeIcon } from './StrokeIcon';
import { useTheme } from './useTheme';

/** Switches between light and dark (following the OS until the reader chooses). */
export function ThemeToggle() {
  const { resolved, toggle, choice } = useTheme();
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme${choice === 'system' ? ' (now following your system)' : ''}`}
    >
      {resolved === 'dark' ? (
        <StrokeIcon size={18} strokeWidth={1.8}>
          <circle cx="12" cy="12" r="4" />
          <path d="M12 3v2M12 19v2M3 12h2M19 12h2M5.6 5.6l1.4 1.4M17 17l1.4 1.4M5.6 18.4 7 17M17 7l1.4-1.4" />
        </StrokeIcon>
      ) : (
        <StrokeIcon size={18} strokeWidth={1.8}>
          <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />
        </StrokeIcon>
      )}
    </button>
  );
}
