// My JP of a year (GET .../me/jp?year=) against the 20 JP duty.

import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDay, t } from '../i18n';
import { Loaded, Notice, PageTitle, ProgressBar } from '../ui';

export function JPPage() {
  const { tenantId } = useApp();
  const thisYear = todayWIB().year;
  const [year, setYear] = useState(thisYear);
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/me/jp', { params: { path: { tenantId }, query: { year } } })),
    [tenantId, year],
  );
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  return (
    <>
      <PageTitle>{t('jp.title')}</PageTitle>
      <div class="field field-inline">
        <label for="jp-year">{t('jp.year')}</label>
        <select id="jp-year" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
          {years.map((y) => (
            <option value={String(y)}>{y}</option>
          ))}
        </select>
      </div>
      <Loaded load={load} retry={retry} cards={1}>
        {(jp) => (
          <>
            <div class="card">
              <p class="big-number">{t('jp.summary', { total: jp.totalJp, duty: jp.duty })}</p>
              <ProgressBar percent={(100 * jp.totalJp) / jp.duty} label={t('jp.summary', { total: jp.totalJp, duty: jp.duty })} />
              {jp.remaining > 0 ? (
                <p>{t('jp.remaining', { n: jp.remaining, duty: jp.duty, year: jp.year })}</p>
              ) : (
                <Notice kind="ok">{t('jp.met', { duty: jp.duty, year: jp.year })}</Notice>
              )}
            </div>
            {jp.entries.length === 0 ? (
              <p class="muted">{t('jp.empty')}</p>
            ) : (
              <div class="card table-wrap">
                <table>
                  <caption>{t('jp.caption', { year: jp.year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('jp.colBatch')}</th>
                      <th scope="col">{t('jp.colJp')}</th>
                      <th scope="col">{t('jp.colDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {jp.entries.map((e) => (
                      <tr>
                        <th scope="row">{e.batchName}</th>
                        <td>{e.jp}</td>
                        <td>{formatDay(e.completedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
