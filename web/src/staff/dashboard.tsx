// The leadership dashboard (GET .../dashboard?year=, admins and employees
// with the leader duty): headline figures, the share of employees at or
// above the 20 JP duty per unit and at each month's end, the JP
// distribution and the year's trainings. Charts are CSS bars inside tables
// and one SVG column chart, each with its numbers as text; every table has
// its CSV export and the whole dashboard an XLSX workbook (fetched with
// the token and saved). Below: the stored monthly reports with their
// downloads, and for admins "make this month's report now".

import { useState } from 'preact/hooks';
import { useApp } from '../app';
import { todayWIB, useApi } from '../hooks';
import { formatDate, formatDateTime, tk } from '../i18n';
import { tenantPath } from '../router';
import { ErrorView, Loaded, Notice, PageTitle } from '../ui';
import { FormError, useAction } from './form';
import { api, call } from '../api/client';
import { download, query, tenantBase, type Dashboard, type MonthlyReport } from '../pages/competency-api';
import { ct, ctk } from '../pages/competency-i18n';
import { monthName, num, pct, YearSelect } from '../pages/competency-ui';
import '../pages/competency.css';

export function DashboardPage() {
  const { tenantId, membership } = useApp();
  const thisYear = todayWIB().year;
  const [year, setYear] = useState(thisYear);
  const [load, retry] = useApi(
    // JSON unless format is given; the generated type covers every format's answer.
    () => call(api.GET('/tenants/{tenantId}/dashboard', { params: { path: { tenantId }, query: { year } } })) as Promise<Dashboard>,
    [tenantId, year],
  );
  return (
    <>
      <p class="crumb">
        <a href={tenantPath(tenantId, 'kompetensi')}>{ct('home.title')}</a>
      </p>
      <PageTitle sub={ct('dash.intro')}>{ct('dash.title', { year })}</PageTitle>
      <YearSelect id="dash-year" year={year} years={[thisYear, thisYear - 1, thisYear - 2, thisYear - 3]} onChange={setYear} />
      <Loaded load={load} retry={retry} cards={3}>
        {(d) => <DashboardView d={d} thisYear={thisYear} />}
      </Loaded>
      <Reports admin={membership?.role === 'admin'} />
    </>
  );
}

/** A button that downloads one of the dashboard's exports. */
function Export({ year, format, table, label }: { year: number; format: 'csv' | 'xlsx'; table?: string; label: string }) {
  const { tenantId } = useApp();
  const act = useAction();
  return (
    <span class="export">
      <button
        type="button"
        class="btn btn-secondary btn-small"
        disabled={act.busy}
        data-export={table ?? format}
        onClick={() =>
          void act.run(() =>
            download(
              `${tenantBase(tenantId)}/dashboard${query({ year, format, table })}`,
              `dasbor-jp-${tenantId}-${year}${table ? `-${table}` : ''}.${format}`,
            ),
          )
        }
      >
        {label}
      </button>
      {act.error ? <ErrorView error={act.error} /> : null}
    </span>
  );
}

function SectionHead({ id, title, year, table }: { id: string; title: string; year: number; table: string }) {
  return (
    <div class="row section-head">
      <h2 id={id}>{title}</h2>
      <Export year={year} format="csv" table={table} label={ct('dash.csv')} />
    </div>
  );
}

/** A horizontal bar for a share 0..1, hidden from screen readers (the number is in the same cell as text). */
function Bar({ share }: { share: number }) {
  return (
    <span class="hbar" aria-hidden="true">
      <span style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
    </span>
  );
}

function DashboardView({ d, thisYear }: { d: Dashboard; thisYear: number }) {
  const { tenantId } = useApp();
  const t = d.trainings;
  // Months after this one have no data yet: the year's chart stops at the current month.
  const lastMonth = d.year < thisYear ? 12 : d.year > thisYear ? 0 : Number(todayWIB().date.slice(5, 7));
  const kpis: [string, string, string][] = [
    ['employees', String(d.employees), ct('dash.employeesDetail')],
    ['share', pct(d.share), ct('dash.shareDetail', { reached: d.reached, employees: d.employees, duty: d.duty })],
    ['mean', num(d.meanJp), ct('dash.meanDetail')],
    ['pending', String(d.claimsPending), ct('dash.pendingDetail')],
    ['trainings', String(t.batches), ct('dash.trainingsDetail', { held: t.held, participants: t.participants })],
    ['completion', pct(t.completionRate), ct('dash.completionDetail', { completed: t.completed, participants: t.participants })],
    [
      'evaluation',
      t.evaluationResponses ? ct('dash.evalValue', { n: num(t.evaluationMean, 2) }) : '–',
      ct('dash.evalDetail', { n: t.evaluationResponses }),
    ],
  ];
  return (
    <>
      <section aria-labelledby="kpi-h">
        <div class="row section-head">
          <h2 id="kpi-h">{ct('dash.summary')}</h2>
          <span class="export-group">
            <Export year={d.year} format="csv" table="ringkasan" label={ct('dash.csv')} />
            <Export year={d.year} format="xlsx" label={ct('dash.xlsx')} />
          </span>
        </div>
        <dl class="kpis">
          {kpis.map(([key, value, detail]) => (
            <div class="card kpi" data-kpi={key}>
              <dt>{ctk('kpi', key)}</dt>
              <dd>
                <span class="kpi-value">{value}</span>
                <span class="small muted kpi-detail">{detail}</span>
              </dd>
            </div>
          ))}
        </dl>
        {d.claimsPending ? (
          <p class="small">
            <a href={tenantPath(tenantId, 'kompetensi', 'verifikasi')}>{ct('dash.toQueue')}</a>
          </p>
        ) : null}
        <p class="small muted">{ct('dash.generated', { at: formatDateTime(d.generatedAt) })}</p>
      </section>

      <section class="card" aria-labelledby="unit-h">
        <SectionHead id="unit-h" title={ct('dash.units')} year={d.year} table="unit" />
        {d.units.length === 0 ? (
          <p class="muted">{ct('dash.noUnits')}</p>
        ) : (
          <div class="table-wrap">
            <table class="dash-table" data-table="unit">
              <caption class="sr-only">{ct('dash.unitsCaption', { duty: d.duty })}</caption>
              <thead>
                <tr>
                  <th scope="col">{ct('field.unit')}</th>
                  <th scope="col" class="num">
                    {ct('dash.colEmployees')}
                  </th>
                  <th scope="col" class="num">
                    {ct('dash.colReached', { duty: d.duty })}
                  </th>
                  <th scope="col" class="bar-col">
                    {ct('dash.colShare')}
                  </th>
                  <th scope="col" class="num">
                    {ct('dash.colMean')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.units.map((u) => (
                  <tr data-unit={u.unitId}>
                    <th scope="row">{u.unitId === '-' ? ct('dash.noUnit') : u.name}</th>
                    <td class="num">{u.employees}</td>
                    <td class="num">{u.reached}</td>
                    <td class="bar-col">
                      <Bar share={u.share} />
                      <span class="bar-text">{pct(u.share)}</span>
                    </td>
                    <td class="num">{num(u.meanJp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="month-h">
        <SectionHead id="month-h" title={ct('dash.months')} year={d.year} table="bulan" />
        <MonthChart d={d} lastMonth={lastMonth} />
        <div class="table-wrap">
          <table class="dash-table" data-table="bulan">
            <caption class="sr-only">{ct('dash.monthsCaption', { duty: d.duty, year: d.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{ct('dash.colMonth')}</th>
                <th scope="col" class="num">
                  {ct('dash.colReached', { duty: d.duty })}
                </th>
                <th scope="col" class="num">
                  {ct('dash.colShare')}
                </th>
                <th scope="col" class="num">
                  {ct('dash.colEarned')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.months.map((m) => (
                <tr>
                  <th scope="row">{monthName(m.month)}</th>
                  {m.month <= lastMonth ? (
                    <>
                      <td class="num">{m.reached}</td>
                      <td class="num">{pct(m.share)}</td>
                      <td class="num">{m.earnedJp}</td>
                    </>
                  ) : (
                    <td colSpan={3} class="muted">
                      {ct('dash.future')}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section class="card" aria-labelledby="dist-h">
        <SectionHead id="dist-h" title={ct('dash.distribution')} year={d.year} table="distribusi" />
        <div class="table-wrap">
          <table class="dash-table" data-table="distribusi">
            <caption class="sr-only">{ct('dash.distributionCaption', { year: d.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{ct('dash.colBand')}</th>
                <th scope="col" class="num">
                  {ct('dash.colEmployees')}
                </th>
                <th scope="col" class="bar-col">
                  {ct('dash.colPart')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.distribution.map((b) => {
                const share = d.employees ? b.employees / d.employees : 0;
                return (
                  <tr data-band={b.label}>
                    <th scope="row">
                      {b.max < 0 ? ct('dash.bandFrom', { min: b.min }) : b.min === b.max ? ct('dash.bandOne', { n: b.min }) : ct('dash.band', { min: b.min, max: b.max })}
                    </th>
                    <td class="num">{b.employees}</td>
                    <td class="bar-col">
                      <Bar share={share} />
                      <span class="bar-text">{pct(share)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section class="card" aria-labelledby="train-h">
        <SectionHead id="train-h" title={ct('dash.trainings')} year={d.year} table="pelatihan" />
        {d.trainingRows.length === 0 ? (
          <p class="muted">{ct('dash.noTrainings', { year: d.year })}</p>
        ) : (
          <div class="table-wrap">
            <table class="dash-table" data-table="pelatihan">
              <caption class="sr-only">{ct('dash.trainings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ct('dash.colBatch')}</th>
                  <th scope="col">{ct('field.dates')}</th>
                  <th scope="col">{ct('cal.status')}</th>
                  <th scope="col" class="num">
                    {ct('field.jp')}
                  </th>
                  <th scope="col" class="num">
                    {ct('dash.colParticipants')}
                  </th>
                  <th scope="col" class="num">
                    {ct('dash.colCompleted')}
                  </th>
                  <th scope="col" class="num">
                    {ct('dash.colEvaluation')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.trainingRows.map((r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    <td>{`${formatDate(r.startDate)} – ${formatDate(r.endDate)}`}</td>
                    <td>{tk('batchStatus', r.status)}</td>
                    <td class="num">{r.jp}</td>
                    <td class="num">{r.participants}</td>
                    <td class="num">{`${r.completed} (${pct(r.completionRate)})`}</td>
                    <td class="num">{r.responses ? `${num(r.evaluationMean, 2)} (${r.responses})` : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** Columns of the share at each month's end, as an SVG image with its values as text (and in the table below it). */
function MonthChart({ d, lastMonth }: { d: Dashboard; lastMonth: number }) {
  const w = 360;
  const h = 190;
  const left = 30;
  const top = 22;
  const bottom = 24;
  const plot = h - top - bottom;
  const col = (w - left) / 12;
  const shown = d.months.filter((m) => m.month <= lastMonth);
  const desc = shown.length ? shown.map((m) => `${monthName(m.month)} ${pct(m.share)}`).join(', ') : ct('dash.future');
  return (
    <figure class="month-chart">
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="mc-title mc-desc" focusable="false">
        <title id="mc-title">{ct('dash.monthsChart', { duty: d.duty, year: d.year })}</title>
        <desc id="mc-desc">{desc}</desc>
        {[1, 0.5, 0].map((f) => (
          <>
            <line x1={left} y1={top + plot * (1 - f)} x2={w} y2={top + plot * (1 - f)} class={f === 0 ? 'axis' : 'grid'} />
            <text x={left - 4} y={top + plot * (1 - f) + 3} class="tick">
              {pct(f)}
            </text>
          </>
        ))}
        {d.months.map((m, i) => {
          const x = left + i * col;
          const bh = m.month <= lastMonth ? Math.max(m.share * plot, m.share > 0 ? 1 : 0) : 0;
          return (
            <g>
              {m.month <= lastMonth ? (
                <>
                  <rect x={x + col * 0.18} y={top + plot - bh} width={col * 0.64} height={bh} class="col" />
                  <text x={x + col / 2} y={top + plot - bh - 4} class="val">
                    {pct(m.share)}
                  </text>
                </>
              ) : null}
              <text x={x + col / 2} y={h - 8} class="lbl">
                {monthName(m.month, 'short')}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="small muted">{ct('dash.monthsChart', { duty: d.duty, year: d.year })}</figcaption>
    </figure>
  );
}

function Reports({ admin }: { admin: boolean }) {
  const { tenantId } = useApp();
  const [load, retry] = useApi(
    () => call(api.GET('/tenants/{tenantId}/dashboard/reports', { params: { path: { tenantId } } })).then((r) => r.items),
    [tenantId],
  );
  const [made, setMade] = useState<MonthlyReport | null>(null);
  const act = useAction();
  return (
    <section class="card" aria-labelledby="rep-h">
      <h2 id="rep-h">{ct('rep.title')}</h2>
      <p class="small">{ct('rep.intro')}</p>
      {admin ? (
        <div class="actions">
          <button
            type="button"
            class="btn"
            disabled={act.busy}
            onClick={() =>
              void act.run(async () => {
                setMade(null);
                setMade(await call(api.POST('/tenants/{tenantId}/dashboard/reports', { params: { path: { tenantId } }, body: {} })));
                retry(true);
              })
            }
          >
            {ct('rep.make')}
          </button>
        </div>
      ) : null}
      {act.busy ? <p aria-live="polite">{ct('rep.making')}</p> : null}
      <FormError error={act.error} />
      {made ? (
        <div role="status">
          <Notice kind="ok">
            <p>{ct('rep.made', { period: periodName(made.period) })}</p>
          </Notice>
        </div>
      ) : null}
      <Loaded load={load} retry={retry} cards={1}>
        {(items) =>
          items.length === 0 ? (
            <p class="muted">{ct('rep.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table data-table="reports">
                <caption class="sr-only">{ct('rep.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ct('rep.period')}</th>
                    <th scope="col">{ct('rep.generated')}</th>
                    <th scope="col">{ct('dash.colShare')}</th>
                    <th scope="col">{ct('rep.file')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...items]
                    .sort((a, b) => b.period.localeCompare(a.period))
                    .map((r) => (
                      <tr data-period={r.period}>
                        <th scope="row">{periodName(r.period)}</th>
                        <td>
                          {formatDateTime(r.generatedAt)}
                          <br />
                          <span class="small muted">{r.generatedBy === 'schedule' ? ct('rep.bySchedule') : ct('rep.byHand')}</span>
                        </td>
                        <td>{ct('rep.share', { share: pct(r.share), reached: r.reached, employees: r.employees })}</td>
                        <td>
                          <a href={r.url} download>
                            {ct('rep.download')}
                            <span class="sr-only"> {periodName(r.period)}</span>
                          </a>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

/** "2026-10" as "Oktober 2026". */
function periodName(period: string): string {
  const [y, m] = period.split('-');
  return `${monthName(Number(m))} ${y}`;
}
