package batchapi

import (
	"context"

	"lms/shared/batch"
	"lms/shared/notify"
)

// notifySeat tells a participant their seat is confirmed: enrolled (at
// once, by an admin, by approval or import) or moved up from the reserve
// list. The key names the batch, so enrolling again after a withdrawal
// is not told twice.
func (a *API) notifySeat(ctx context.Context, b batch.Batch, e batch.Enrollment, promoted bool) {
	if e.Status != batch.Enrolled {
		return
	}
	ev, key := notify.Enrolled, "enrolled#"+b.ID
	if promoted {
		ev, key = notify.PromotedFromReserve, "promoted#"+b.ID
	}
	a.notices.Publish(ctx, notify.Message{Key: key, Event: ev, TenantID: b.TenantID, UserIDs: []string{e.UserID},
		Data: map[string]string{"batchName": b.Name, "startDate": b.StartDate, "link": "/" + b.TenantID + "/angkatan/" + b.ID}})
}
