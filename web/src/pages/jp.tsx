// My JP of a year (GET .../me/jp?year=) against the 20 JP duty: every
// entry with where it came from (a completed batch of the tenant, an
// approved external claim, a unit training), and the way to claim more.

import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDay, t, tk } from '../i18n';
import { tenantPath } from '../router';
import { Loaded, Notice, PageTitle, ProgressBar } from '../ui';

type Entry = Schemas['JPEntry'];

function EntryName({ e }: { e: Entry }) {
  const { tenantId } = useApp();
  // A unit training is its coordinator's claim: participants only see its line here.
  if (e.source === 'batch') return <a href={tenantPath(tenantId, 'angkatan', e.sourceId)}>{e.name}</a>;
  if (e.source === 'claim') return <a href={tenantPath(tenantId, 'kompetensi', 'pengajuan', e.sourceId)}>{e.name}</a>;
  return <>{e.name}</>;
}

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
                  <caption>{t('jp.captionAll', { year: jp.year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('jp.colTraining')}</th>
                      <th scope="col">{t('jp.colSource')}</th>
                      <th scope="col">{t('jp.colJp')}</th>
                      <th scope="col">{t('jp.colDate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {jp.entries.map((e) => (
                      <tr data-source={e.source}>
                        <th scope="row">
                          <EntryName e={e} />
                        </th>
                        <td>{tk('jp.source', e.source)}</td>
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
      <p>
        <a href={tenantPath(tenantId, 'kompetensi', 'pengajuan', 'baru')}>{t('jp.claimLink')}</a>
      </p>
    </>
  );
}
