// The application shell: language, session, the signed-in person (GET /me),
// the current tenant's branding (GET /tenants/{t}), layout and routes.

import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from './api/client';
import { applyBranding } from './branding';
import { useApi, type Load } from './hooks';
import { getLang, setLang as storeLang, t, type Lang } from './i18n';
import { match, navigate, tenantPath, useLocation, type Location } from './router';
import { getSession, onSessionChange, setSession, type Session } from './session';
import { ErrorView, Loading } from './ui';
import { CatalogPage } from './pages/catalog';
import { LoginPage } from './pages/login';
import { ForgotPage } from './pages/forgot';
import { VerifyPage } from './pages/verify';
import { BatchesPage } from './pages/batches';
import { BatchPage } from './pages/batch';
import { CoursePage } from './pages/course';
import { ItemPage } from './pages/item';
import { JPPage } from './pages/jp';
import { CertificatesPage } from './pages/certificates';
import { SearchPage } from './pages/search';
import { NotFoundPage } from './pages/notfound';
import { lazyPage } from './pages/lazy';
import { InboxBell } from './pages/inbox-bell';

const RegisterPage = lazyPage(() => import('./pages/register').then((m) => m.RegisterPage));
// Competency development: pages for every member, and for admins and leaders, in two lazy chunks.
const comp = () => import('./pages/competency');
const compStaff = () => import('./staff/competency');
const CompetencyHomePage = lazyPage(() => comp().then((m) => m.CompetencyHomePage));
const ClaimFormPage = lazyPage(() => comp().then((m) => m.ClaimFormPage));
const ClaimPage = lazyPage<{ claimId: string }>(() => comp().then((m) => m.ClaimPage));
const QueuePage = lazyPage(() => comp().then((m) => m.QueuePage));
const CalendarPage = lazyPage(() => comp().then((m) => m.CalendarPage));
const PublicCalendarPage = lazyPage(() => comp().then((m) => m.PublicCalendarPage));
const DashboardPage = lazyPage(() => compStaff().then((m) => m.DashboardPage));
const EmployeesPage = lazyPage(() => compStaff().then((m) => m.EmployeesPage));
const UnitsPage = lazyPage(() => compStaff().then((m) => m.UnitsPage));
// Forums, help desk, inbox: pages for every member and visitors, and the staff's, in two lazy chunks.
const forum = () => import('./pages/forum-pages');
const forumStaff = () => import('./staff/forum');
const ForumsPage = lazyPage(() => forum().then((m) => m.ForumsPage));
const ForumPage = lazyPage<{ forumId: string }>(() => forum().then((m) => m.ForumPage));
const ThreadPage = lazyPage<{ forumId: string; threadId: string }>(() => forum().then((m) => m.ThreadPage));
const HelpdeskPage = lazyPage(() => forum().then((m) => m.HelpdeskPage));
const InboxPage = lazyPage(() => forum().then((m) => m.InboxPage));
const NotificationPrefsPage = lazyPage(() => forum().then((m) => m.NotificationPrefsPage));
const FaqPage = lazyPage(() => forumStaff().then((m) => m.FaqPage));
const HelpdeskQueuePage = lazyPage(() => forumStaff().then((m) => m.HelpdeskQueuePage));
const NotificationSettingsPage = lazyPage(() => forumStaff().then((m) => m.NotificationSettingsPage));

export type Tenant = Schemas['Tenant'];
export type Me = Schemas['Me'];
export type Membership = Schemas['MeMembership'];

export interface AppState {
  lang: Lang;
  location: Location;
  session: Session | null;
  me: Load<Me> | null;
  reloadMe: () => void;
  /** Load the tenant's branding again (after an admin changed it). */
  reloadTenant: () => void;
  tenantId: string;
  tenant: Tenant | null;
  membership: Membership | null;
  signOut: () => Promise<void>;
}

const Ctx = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside App');
  return v;
}

const tenantRE = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

type Page = (p: Record<string, string>) => ComponentChildren;
interface Route {
  pattern: string;
  page: Page;
  auth?: boolean;
}

const routes: Route[] = [
  { pattern: '/', page: () => <CatalogPage /> },
  { pattern: '/verifikasi', page: () => <VerifyPage number="" /> },
  { pattern: '/verifikasi/:number', page: (p) => <VerifyPage number={p.number ?? ''} /> },
  { pattern: '/operator', page: () => <OperatorGate /> },
  { pattern: '/:tenant/masuk', page: () => <LoginPage /> },
  { pattern: '/:tenant/lupa-sandi', page: () => <ForgotPage /> },
  { pattern: '/:tenant/daftar', page: () => <RegisterPage /> },
  { pattern: '/:tenant/kelola/pengguna', page: () => <Staff render={(m) => <m.UsersPage />} />, auth: true },
  { pattern: '/:tenant/kelola/pendaftaran', page: () => <Staff render={(m) => <m.RegistrationsPage />} />, auth: true },
  { pattern: '/:tenant/kelola/lembaga', page: () => <Staff render={(m) => <m.BrandingPage />} />, auth: true },
  { pattern: '/:tenant/kelola/audit', page: () => <Staff render={(m) => <m.AuditPage />} />, auth: true },
  {
    pattern: '/:tenant/kelola/angkatan/:batch/evaluasi',
    page: (p) => <Staff render={(m) => <m.EvaluationAdminPage batchId={p.batch ?? ''} />} />,
    auth: true,
  },
  { pattern: '/:tenant', page: () => <HomePage />, auth: true },
  { pattern: '/:tenant/kelola', page: () => <Staff render={(m) => <m.CoursesPage />} />, auth: true },
  {
    pattern: '/:tenant/kelola/kursus/:course',
    page: (p) => <Staff render={(m) => <m.CourseEditorPage courseId={p.course ?? ''} />} />,
    auth: true,
  },
  { pattern: '/:tenant/kelola/angkatan', page: () => <Staff render={(m) => <m.BatchesAdminPage />} />, auth: true },
  {
    pattern: '/:tenant/kelola/angkatan/:batch',
    page: (p) => <Staff render={(m) => <m.BatchAdminPage batchId={p.batch ?? ''} />} />,
    auth: true,
  },
  {
    pattern: '/:tenant/kelola/kursus/:course/pemantauan',
    page: (p) => <Staff render={(m) => <m.MonitorPage courseId={p.course ?? ''} />} />,
    auth: true,
  },
  {
    pattern: '/:tenant/kelola/kursus/:course/soal',
    page: (p) => <Staff render={(m) => <m.QuestionBankPage courseId={p.course ?? ''} />} />,
    auth: true,
  },
  {
    pattern: '/:tenant/kelola/kursus/:course/materi/:item/penilaian',
    page: (p) => <Staff render={(m) => <m.GradingPage courseId={p.course ?? ''} itemId={p.item ?? ''} />} />,
    auth: true,
  },
  {
    pattern: '/:tenant/kelola/angkatan/:batch/nilai',
    page: (p) => <Staff render={(m) => <m.GradebookPage batchId={p.batch ?? ''} />} />,
    auth: true,
  },
  { pattern: '/:tenant/angkatan/:batch', page: (p) => <BatchPage batchId={p.batch ?? ''} />, auth: true },
  { pattern: '/:tenant/kursus/:course', page: (p) => <CoursePage courseId={p.course ?? ''} />, auth: true },
  {
    pattern: '/:tenant/kursus/:course/materi/:item',
    page: (p) => <ItemPage courseId={p.course ?? ''} itemId={p.item ?? ''} />,
    auth: true,
  },
  { pattern: '/:tenant/jp', page: () => <JPPage />, auth: true },
  { pattern: '/:tenant/sertifikat', page: () => <CertificatesPage />, auth: true },
  { pattern: '/:tenant/cari', page: () => <SearchPage />, auth: true },
  { pattern: '/:tenant/kalender', page: () => <PublicCalendarPage /> },
  { pattern: '/:tenant/kompetensi', page: () => <CompetencyHomePage />, auth: true },
  { pattern: '/:tenant/kompetensi/pengajuan/baru', page: () => <ClaimFormPage />, auth: true },
  { pattern: '/:tenant/kompetensi/pengajuan/:claim', page: (p) => <ClaimPage claimId={p.claim ?? ''} />, auth: true },
  { pattern: '/:tenant/kompetensi/verifikasi', page: () => <QueuePage />, auth: true },
  { pattern: '/:tenant/kompetensi/kalender', page: () => <CalendarPage />, auth: true },
  { pattern: '/:tenant/kompetensi/dasbor', page: () => <DashboardPage />, auth: true },
  { pattern: '/:tenant/kompetensi/pegawai', page: () => <EmployeesPage />, auth: true },
  { pattern: '/:tenant/kompetensi/unit', page: () => <UnitsPage />, auth: true },
  { pattern: '/:tenant/forum', page: () => <ForumsPage />, auth: true },
  {
    pattern: '/:tenant/forum/:forum',
    page: (p) => (p.forum === 'helpdesk' ? <HelpdeskPage /> : <ForumPage forumId={p.forum ?? ''} />),
    auth: true,
  },
  {
    pattern: '/:tenant/forum/:forum/:thread',
    page: (p) => <ThreadPage forumId={p.forum ?? ''} threadId={p.thread ?? ''} />,
    auth: true,
  },
  { pattern: '/:tenant/bantuan', page: () => <HelpdeskPage /> },
  { pattern: '/:tenant/bantuan/:thread', page: (p) => <ThreadPage forumId="helpdesk" threadId={p.thread ?? ''} /> },
  { pattern: '/:tenant/kotak-masuk', page: () => <InboxPage />, auth: true },
  { pattern: '/:tenant/kotak-masuk/pengaturan', page: () => <NotificationPrefsPage />, auth: true },
  { pattern: '/:tenant/kelola/faq', page: () => <FaqPage />, auth: true },
  { pattern: '/:tenant/kelola/bantuan', page: () => <HelpdeskQueuePage />, auth: true },
  { pattern: '/:tenant/kelola/notifikasi', page: () => <NotificationSettingsPage />, auth: true },
];

type StaffModule = typeof import('./staff');
let staffModule: StaffModule | null = null;

/** Staff pages live in a lazy chunk of their own (the learner entry stays small). */
function Staff({ render }: { render: (m: StaffModule) => ComponentChildren }) {
  const [mod, setMod] = useState<StaffModule | null>(staffModule);
  const [failed, setFailed] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (mod) return;
    import('./staff').then(
      (m) => {
        staffModule = m;
        setMod(m);
      },
      (e: unknown) => setFailed(e),
    );
  }, [attempt]);
  if (failed) return <ErrorView error={failed} onRetry={() => (setFailed(null), setAttempt(attempt + 1))} />;
  if (!mod) return <Loading cards={2} />;
  return <>{render(mod)}</>;
}

export const isStaff = (m: Membership | null) => m?.role === 'admin' || m?.role === 'instructor';

/** The tenant's home: the staff's courses for admins and instructors, my batches for learners. */
function HomePage() {
  const { membership } = useApp();
  return isStaff(membership) ? <Staff render={(m) => <m.CoursesPage />} /> : <BatchesPage />;
}

/** The operator's tenants page: signed in (else the catalogue), then the lazy page. */
function OperatorGate() {
  const { session, me } = useApp();
  useEffect(() => {
    if (!session) navigate('/', { replace: true });
  }, [session]);
  if (!session || !me || me.state === 'loading') return <Loading cards={1} />;
  if (me.state === 'error') return <ErrorView error={me.error} />;
  return <Staff render={(m) => <m.OperatorPage />} />;
}

function resolve(path: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (params && (params.tenant === undefined || tenantRE.test(params.tenant))) return { route, params };
  }
  return null;
}

export function App() {
  const [lang, setLangState] = useState<Lang>(getLang());
  const location = useLocation();
  const [session, setSessionState] = useState<Session | null>(getSession());
  useEffect(() => onSessionChange(setSessionState), []);

  const found = resolve(location.path);
  const tenantId = found?.params.tenant ?? '';

  // The person: loaded once per sign-in (not again when tokens refresh).
  const signedIn = session?.refreshToken ?? '';
  const [meLoad, reloadMe] = useApi<Me | null>(
    () => (signedIn ? call(api.GET('/me')) : Promise.resolve(null)),
    [signedIn],
  );
  const me: Load<Me> | null =
    !signedIn ? null : meLoad.state === 'ok' ? (meLoad.data ? { state: 'ok', data: meLoad.data } : null) : meLoad;

  // The tenant's public branding.
  const [tenantLoad, reloadTenant] = useApi<Tenant | null>(
    () => (tenantId ? call(api.GET('/tenants/{tenantId}', { params: { path: { tenantId } } })) : Promise.resolve(null)),
    [tenantId],
  );
  const tenant = tenantLoad.state === 'ok' ? tenantLoad.data : null;
  useEffect(() => {
    applyBranding(tenant?.colors ?? null);
  }, [tenant]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const membership =
    me?.state === 'ok' ? (me.data.memberships.find((m) => m.tenantId === tenantId) ?? null) : null;

  const signOut = async () => {
    const s = getSession();
    setSession(null);
    if (s?.refreshToken) {
      await call(api.POST('/auth/logout', { body: { refreshToken: s.refreshToken } })).catch(() => undefined);
    }
    navigate(tenantId ? tenantPath(tenantId, 'masuk') : '/');
  };

  const state: AppState = {
    lang,
    location,
    session,
    me,
    reloadMe: () => reloadMe(),
    reloadTenant: () => reloadTenant(true),
    tenantId,
    tenant,
    membership,
    signOut,
  };

  let content: ComponentChildren;
  if (!found) content = <NotFoundPage />;
  else if (tenantId && tenantLoad.state === 'loading') content = <Loading cards={1} />;
  else if (tenantId && tenantLoad.state === 'error')
    content =
      tenantLoad.error.status === 404 ? <NotFoundPage tenant={tenantId} /> : <ErrorView error={tenantLoad.error} onRetry={() => reloadTenant()} />;
  else if (found.route.auth) content = <AuthGate>{found.route.page(found.params)}</AuthGate>;
  else content = found.route.page(found.params);

  return (
    <Ctx.Provider value={state}>
      <Layout
        onLang={() => {
          const next: Lang = lang === 'id' ? 'en' : 'id';
          storeLang(next);
          // Set at once, not only in the effect: screen readers and tests
          // read it as soon as the new text is on screen.
          document.documentElement.lang = next;
          setLangState(next);
        }}
      >
        {content}
      </Layout>
    </Ctx.Provider>
  );
}

/** Pages that need a signed-in member of the tenant. */
function AuthGate({ children }: { children: ComponentChildren }) {
  const app = useApp();
  const { session, me, tenantId, location } = app;
  useEffect(() => {
    if (!session) {
      const next = location.path + location.query.toString().replace(/^(.)/, '?$1');
      navigate(`${tenantPath(tenantId, 'masuk')}?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [session, tenantId]);
  // A platform operator without a membership in this tenant: the tenants page.
  const toOperator = me?.state === 'ok' && me.data.operator && !app.membership;
  useEffect(() => {
    if (toOperator) navigate('/operator', { replace: true });
  }, [toOperator]);
  if (!session || !me || me.state === 'loading') return <Loading cards={2} />;
  if (me.state === 'error') return <ErrorView error={me.error} onRetry={app.reloadMe} />;
  const problem = membershipProblem(app);
  if (problem && me.data.operator && !app.membership) return <Loading cards={1} />; // to /operator (above)
  if (problem) {
    return (
      <div class="card">
        <p role="alert">{problem}</p>
        <button type="button" class="btn" onClick={() => void app.signOut()}>
          {t('nav.logout')}
        </button>
      </div>
    );
  }
  return <>{children}</>;
}

/** Why the signed-in person cannot use this tenant; empty when they can. */
export function membershipProblem(app: Pick<AppState, 'me' | 'tenant' | 'tenantId'>): string {
  if (app.me?.state !== 'ok') return '';
  const name = app.tenant?.name ?? app.tenantId;
  if (app.me.data.operator && !app.me.data.memberships.some((m) => m.tenantId === app.tenantId)) {
    return t('membership.none', { name });
  }
  const m = app.me.data.memberships.find((x) => x.tenantId === app.tenantId);
  if (!m) return t('membership.none', { name });
  if (m.tenantStatus === 'suspended') return t('login.suspended');
  const reason = m.statusReason ? ' ' + t('membership.reason', { reason: m.statusReason }) : '';
  switch (m.status) {
    case 'active':
      return '';
    case 'pending':
      return t('membership.pending', { name });
    case 'rejected':
      return t('membership.rejected', { name }) + reason;
    case 'suspended':
      return t('membership.suspended', { name }) + reason;
    case 'banned':
      return t('membership.banned', { name }) + reason;
  }
}

function Layout({ children, onLang }: { children: ComponentChildren; onLang: () => void }) {
  const app = useApp();
  const { tenant, tenantId, session, location, membership } = app;
  const [logoFailed, setLogoFailed] = useState(false);
  useEffect(() => setLogoFailed(false), [tenant?.logoUrl]);
  const home = tenantId ? tenantPath(tenantId) : '/';
  const showNav = !!(tenantId && session && membership?.status === 'active');
  const links: [string, string][] = !tenantId
    ? []
    : isStaff(membership)
    ? [
        [tenantPath(tenantId), t('nav.staffCourses')],
        ...(membership?.role === 'admin'
          ? ([
              [tenantPath(tenantId, 'kelola', 'angkatan'), t('nav.staffBatches')],
              [tenantPath(tenantId, 'kelola', 'pengguna'), t('nav.users')],
              [tenantPath(tenantId, 'kelola', 'pendaftaran'), t('nav.registrations')],
              [tenantPath(tenantId, 'kelola', 'lembaga'), t('nav.branding')],
              [tenantPath(tenantId, 'kelola', 'audit'), t('nav.audit')],
            ] as [string, string][])
          : []),
        [tenantPath(tenantId, 'kompetensi'), t('nav.competency')],
        // Admins reach the forums from the help desk page (their menu is long already).
        ...(membership?.role === 'admin' ? [] : ([[tenantPath(tenantId, 'forum'), t('nav.forum')]] as [string, string][])),
        [tenantPath(tenantId, 'kelola', 'bantuan'), t('nav.helpdeskStaff')],
        [tenantPath(tenantId, 'cari'), t('nav.search')],
      ]
    : [
        [tenantPath(tenantId), t('nav.batches')],
        [tenantPath(tenantId, 'jp'), t('nav.jp')],
        [tenantPath(tenantId, 'sertifikat'), t('nav.certificates')],
        [tenantPath(tenantId, 'kompetensi'), t('nav.competency')],
        [tenantPath(tenantId, 'forum'), t('nav.forum')],
        [tenantPath(tenantId, 'cari'), t('nav.search')],
      ];
  const current = (href: string) => {
    if (href !== tenantPath(tenantId)) return location.path.startsWith(href);
    if (links.some(([h]) => h !== href && location.path.startsWith(h))) return false;
    return location.path === href || /\/(angkatan|kursus)\/|\/kelola(\/|$)/.test(location.path);
  };
  return (
    <>
      <a class="skip-link" href="#main" data-native>
        {t('nav.skip')}
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href={home}>
            {tenant?.logoUrl && !logoFailed ? (
              <img class="brand-logo" src={tenant.logoUrl} alt="" width={36} height={36} onError={() => setLogoFailed(true)} />
            ) : null}
            <span class="brand-name">{tenant?.shortName ?? t('app.name')}</span>
            {tenant ? <span class="sr-only">: {t('nav.home', { name: tenant.name })}</span> : null}
          </a>
          <div class="header-actions">
            <button type="button" class="btn btn-ghost btn-lang" onClick={onLang}>
              {t('lang.switch')}
              <span class="sr-only">: {t('lang.switchLabel')}</span>
            </button>
            {showNav && session ? <InboxBell tenantId={tenantId} signedIn={session.refreshToken ?? ''} /> : null}
            {session ? (
              <button type="button" class="btn btn-ghost" onClick={() => void app.signOut()}>
                {t('nav.logout')}
              </button>
            ) : tenantId && !location.path.endsWith('/masuk') ? (
              <a class="btn btn-ghost" href={tenantPath(tenantId, 'masuk')}>
                {t('nav.login')}
              </a>
            ) : null}
          </div>
        </div>
        {showNav ? (
          <nav class="site-nav" aria-label={t('nav.main')}>
            <ul class="wrap">
              {links.map(([href, label]) => (
                <li>
                  <a href={href} aria-current={current(href) ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <span>{t('footer.text')}</span>
          <span class="footer-links">
            <a href="/">{t('nav.catalog')}</a>
            <a href="/verifikasi">{t('nav.verify')}</a>
            {tenantId ? <a href={tenantPath(tenantId, 'bantuan')}>{t('nav.helpdesk')}</a> : null}
          </span>
        </div>
      </footer>
    </>
  );
}
