// The competency pages of admins and leaders (one lazy chunk): the
// leadership dashboard, the roster with its HR import, the work units.
export { DashboardPage } from './dashboard';
export { EmployeesPage, UnitsPage } from './employees';
