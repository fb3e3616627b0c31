// Public certificate verification (GET /certificates/{number}): the QR
// code printed on every certificate points at /verifikasi/{number}.

import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { useApi } from '../hooks';
import { formatDate, formatDateTime, t } from '../i18n';
import { navigate } from '../router';
import { ErrorView, Field, Loading, PageTitle } from '../ui';

export function VerifyPage({ number }: { number: string }) {
  const [input, setInput] = useState(number);
  const [load, retry] = useApi(
    () => (number ? call(api.GET('/certificates/{number}', { params: { path: { number } } })) : Promise.resolve(null)),
    [number],
  );
  const submit = (ev: Event) => {
    ev.preventDefault();
    const n = input.trim().toUpperCase();
    if (n) navigate(`/verifikasi/${encodeURIComponent(n)}`);
  };
  return (
    <>
      <PageTitle sub={t('verify.intro')}>{t('verify.title')}</PageTitle>
      <form class="card form form-inline" onSubmit={submit} role="search">
        <Field id="cert-number" label={t('verify.number')} hint={t('verify.numberHint')}>
          <input id="cert-number" value={input} onInput={(e) => setInput(e.currentTarget.value)} aria-describedby="cert-number-hint" autoComplete="off" />
        </Field>
        <button type="submit" class="btn">
          {t('verify.check')}
        </button>
      </form>
      {!number ? null : load.state === 'loading' ? (
        <Loading cards={1} />
      ) : load.state === 'error' ? (
        load.error.status === 404 ? (
          <div class="card verdict verdict-bad" role="status">
            <p class="verdict-title">{t('verify.notFound', { number })}</p>
          </div>
        ) : (
          <ErrorView error={load.error} onRetry={() => retry()} />
        )
      ) : load.data ? (
        <section class={`card verdict ${load.data.status === 'valid' ? 'verdict-ok' : 'verdict-bad'}`} aria-labelledby="verdict">
          <p id="verdict" class="verdict-title" role="status">
            <span aria-hidden="true">{load.data.status === 'valid' ? '✔ ' : '✖ '}</span>
            {load.data.status === 'valid' ? t('verify.valid') : t('verify.revoked')}
          </p>
          <dl class="facts">
            <dt>{t('verify.number')}</dt>
            <dd class="mono">{load.data.number}</dd>
            <dt>{t('verify.holder')}</dt>
            <dd>{load.data.name}</dd>
            <dt>{t('verify.training')}</dt>
            <dd>{load.data.training}</dd>
            <dt>{t('verify.batch')}</dt>
            <dd>{load.data.batchName}</dd>
            <dt>{t('verify.jp')}</dt>
            <dd>{t('common.jp', { n: load.data.jp })}</dd>
            <dt>{t('verify.dates')}</dt>
            <dd>{t('common.dateRange', { start: formatDate(load.data.startDate), end: formatDate(load.data.endDate) })}</dd>
            <dt>{t('verify.tenant')}</dt>
            <dd>{load.data.tenant}</dd>
            <dt>{t('verify.issuedAt')}</dt>
            <dd>{formatDateTime(load.data.issuedAt)}</dd>
            {load.data.revokedAt ? (
              <>
                <dt>{t('verify.revokedAt')}</dt>
                <dd>{formatDateTime(load.data.revokedAt)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </>
  );
}
