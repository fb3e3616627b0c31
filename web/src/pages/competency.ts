// The competency pages every member may open (one lazy chunk): the hub,
// claims and their verification, the training calendar (internal and
// public). The admin and leader pages are in src/staff/competency.ts.
export { CompetencyHomePage, ClaimFormPage, ClaimPage, QueuePage } from './claims';
export { CalendarPage, PublicCalendarPage } from './calendar';
