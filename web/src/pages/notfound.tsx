import { t } from '../i18n';
import { PageTitle } from '../ui';

export function NotFoundPage({ tenant }: { tenant?: string }) {
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <div class="card">
        <p>{tenant ? t('error.tenantNotFound', { tenant }) : t('notFound.text')}</p>
        <a class="btn" href="/">
          {t('notFound.home')}
        </a>
      </div>
    </>
  );
}
