import { useCallback, useState } from 'react';

/** Copies text to the clipboard; `copied` is the text last copied (null when copying failed). */
export function useCopy(): {
  copied: string | null;
  failed: boolean;
  copy: (text: string) => void;
} {
  const [copied, setCopied] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const copy = useCallback((text: string) => {
    const done = () => {
      setCopied(text);
      setFailed(false);
    };
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(text).then(done, () => setFailed(true));
    } else setFailed(true);
  }, []);
  return { copied, failed, copy };
}
