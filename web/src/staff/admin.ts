// The admin pages of the staff chunk: users, registrations, branding, the
// audit log and the batch evaluation form with its results.
export { UsersPage } from './users';
export { RegistrationsPage } from './registrations';
export { BrandingPage } from './branding';
export { AuditPage } from './audit';
export { EvaluationAdminPage } from './evaluation';
