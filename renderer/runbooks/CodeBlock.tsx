/** A command from a runbook, with a Copy button. Hindsight never runs it; it only copies it. */
import { useState } from 'react';

/** One code block: the text as written, and a button that copies it to the clipboard. */
export function CodeBlock({ code, language }: { code: string; language: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
    setTimeout(() => setStatus('idle'), 2000);
  };
  const firstLine = code.split('\n')[0]?.slice(0, 60) ?? '';
  return (
    <div className="runbook-code">
      <pre data-language={language || undefined}>
        <code>{code}</code>
      </pre>
      <button type="button" className="copy-button" aria-label={`Copy command: ${firstLine}`} onClick={() => void copy()} data-testid="copy-command">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {status === 'copied' ? 'Command copied to the clipboard.' : status === 'failed' ? 'The browser refused the clipboard; select the text and copy it.' : ''}
      </span>
    </div>
  );
}
