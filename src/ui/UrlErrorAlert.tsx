import { useState } from 'react';
import { StrokeIcon } from './StrokeIcon';

/** Problems with the address, shown until dismissed; the app runs with defaults for the bad parts. */
export function UrlErrorAlert({ errors }: { errors: string[] }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || errors.length === 0) return null;
  return (
    <div role="alert" className="url-alert">
      <StrokeIcon size={18} className="mt-0.5 shrink-0">
        <path d="M12 3 2 20h20L12 3Z" />
        <path d="M12 10v4M12 17.5v.01" />
      </StrokeIcon>
      <div className="min-w-0 flex-1">
        <p className="font-semibold">
          {errors.length === 1
            ? 'There is a problem with this link'
            : `There are ${errors.length} problems with this link`}
        </p>
        <ul className="mt-1 list-disc pl-5">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
