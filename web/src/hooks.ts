import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api/client';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ok'; data: T };

/**
 * Run loader when deps change; the latest call wins. reload() runs it again
 * (the retry button). The previous data stays visible while reloading
 * quietly (reload(true)).
 */
export function useApi<T>(loader: () => Promise<T>, deps: unknown[]): [Load<T>, (quiet?: boolean) => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const seq = useRef(0);
  const run = useCallback((quiet = false) => {
    const mine = ++seq.current;
    if (!quiet) setLoad({ state: 'loading' });
    loader().then(
      (data) => {
        if (mine === seq.current) setLoad({ state: 'ok', data });
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('invalid', 0, '', '') });
      },
    );
  }, deps);
  useEffect(() => {
    run();
    return () => {
      seq.current++;
    };
  }, [run]);
  return [load, run];
}

/** The current year and today's date in Western Indonesian Time (WIB). */
export function todayWIB(): { year: number; date: string } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { year: Number(date.slice(0, 4)), date };
}
