// The tenant's public help desk: its questions and answers, readable
// signed out (the public routes); "Ajukan pertanyaan" asks visitors to sign
// in first, and gives signed-in users the question form. The automatic
// reply (from the FAQ or earlier answers) is posted before the answer
// comes back, so the question's page shows it at once.

import { useState } from 'preact/hooks';
import { useApp } from '../app';
import { tenantPath } from '../router';
import { Notice, PageTitle } from '../ui';
import { HELPDESK, listThreads, type Sort } from './forum-api';
import { ft } from './forum-i18n';
import { PagedList, SortSelect, ThreadItem, usePaged } from './forum-ui';
import { NewThreadForm } from './forum';

export function HelpdeskPage() {
  const { tenantId, tenant, session, location } = useApp();
  const anonymous = !session;
  const [sort, setSort] = useState<Sort>('activity');
  const [asking, setAsking] = useState(location.query.get('tanya') === '1');
  const paged = usePaged((cursor) => listThreads(tenantId, HELPDESK, { sort, cursor, anonymous }), [tenantId, sort, anonymous]);
  const name = tenant?.name ?? tenantId;
  const next = `${tenantPath(tenantId, 'bantuan')}?tanya=1`;
  return (
    <>
      <PageTitle sub={ft('helpdesk.intro', { name })}>{ft('helpdesk.title', { name: tenant?.shortName ?? name })}</PageTitle>
      {!session ? (
        <div class="card ask-signin">
          <p>
            <a class="btn" href={`${tenantPath(tenantId, 'masuk')}?next=${encodeURIComponent(next)}`}>
              {ft('helpdesk.ask')}
            </a>
          </p>
          <p class="muted small">{ft('helpdesk.signInToAsk')}</p>
        </div>
      ) : asking ? (
        <NewThreadForm forumId={HELPDESK} question onCancel={() => setAsking(false)} />
      ) : (
        <p>
          <button type="button" class="btn" aria-expanded="false" onClick={() => setAsking(true)}>
            {ft('helpdesk.ask')}
          </button>
        </p>
      )}
      <section class="section" aria-labelledby="hd-threads-h">
        <div class="list-head">
          <h2 id="hd-threads-h">{ft('helpdesk.questions')}</h2>
          <SortSelect id="hd-sort" value={sort} onChange={setSort} />
        </div>
        {anonymous ? <Notice>{ft('helpdesk.publicNote')}</Notice> : null}
        <PagedList paged={paged} empty={ft('helpdesk.empty')} label={ft('helpdesk.questions')}>
          {(th) => <ThreadItem thread={th} tenantId={tenantId} status />}
        </PagedList>
      </section>
    </>
  );
}
