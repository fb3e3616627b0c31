// Shared pieces of the staff forms: a submit action with busy and error
// state, and the error with the server's field details.

import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorMessage } from '../ui';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fieldErrors()) : [];
  return (
    <div class="form-error" role="alert">
      <p>{errorMessage(error)}</p>
      {fields.length ? (
        <ul>
          {fields.map(([f, m]) => (
            <li>{`${f}: ${m}`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

