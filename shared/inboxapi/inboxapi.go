// Package inboxapi is the HTTP API of each user's notifications: the
// in-app inbox, notification preferences and a tenant's notification
// settings. The forum function mounts it on its router.
package inboxapi

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"lms/shared/access"
	"lms/shared/appenv"
	"lms/shared/awsclient"
	"lms/shared/httpapi"
	"lms/shared/i18n"
	"lms/shared/identity"
	"lms/shared/ids"
	"lms/shared/notify"
	"lms/shared/tenancy"
)

// API holds the routes' dependencies.
type API struct {
	store    notify.Store
	members  tenancy.Store
	guard    access.Guard
	clientID string
	now      func() time.Time
}

// Mount adds the inbox routes to rt.
func Mount(rt *httpapi.Router, env appenv.Env) {
	db := awsclient.DynamoDB(env.AWS)
	t := env.Config.TableName
	members := tenancy.Store{DB: db, Table: t}
	a := &API{store: notify.Store{DB: db, Table: t}, members: members, guard: access.Guard{Load: members},
		clientID: env.Config.UserPoolClientID, now: env.Clock.Now}
	rt.Handle(http.MethodGet, "/me/notifications", a.list)
	rt.Handle(http.MethodPost, "/me/notifications/read", a.read)
	rt.Handle(http.MethodGet, "/me/notification-preferences", a.getPrefs)
	rt.Handle(http.MethodPut, "/me/notification-preferences", a.putPrefs)
	rt.Handle(http.MethodGet, "/tenants/{tenantId}/notification-settings", a.getSettings)
	rt.Handle(http.MethodPut, "/tenants/{tenantId}/notification-settings", a.putSettings)
}

func init() {
	i18n.Register(
		i18n.Message{Key: "inbox_limit_invalid", Indonesian: "limit harus antara 1 dan 50.", English: "limit must be between 1 and 50."},
		i18n.Message{Key: "inbox_read_nothing", Indonesian: "Sebutkan ids atau all: true.", English: "Give ids or all: true."},
		i18n.Message{Key: "inbox_too_many_ids", Indonesian: "Paling banyak 100 notifikasi sekaligus.", English: "At most 100 notifications at once."},
		i18n.Message{Key: "whatsapp_number_invalid", Indonesian: "Nomor WhatsApp harus berformat internasional, contoh +6281234567890.", English: "The WhatsApp number must be international, e.g. +6281234567890."},
		i18n.Message{Key: "whatsapp_number_required", Indonesian: "Isi nomor WhatsApp untuk menerima notifikasi WhatsApp.", English: "Give a WhatsApp number to receive WhatsApp notifications."},
		i18n.Message{Key: "event_unknown", Indonesian: "Jenis notifikasi tidak dikenal.", English: "Unknown notification type."},
		i18n.Message{Key: "phone_number_id_invalid", Indonesian: "Phone number ID WhatsApp berupa angka (5 sampai 30 digit).", English: "The WhatsApp phone number ID is numeric (5 to 30 digits)."},
		i18n.Message{Key: "access_token_invalid", Indonesian: "Token akses tidak valid.", English: "The access token is not valid."},
	)
}

// ----------------------------------------------------------------- inbox

// notificationView is a Notification in the caller's language.
type notificationView struct {
	ID         string    `json:"id"`
	Event      string    `json:"event"`
	TenantID   string    `json:"tenantId"`
	TenantName string    `json:"tenantName"`
	Title      string    `json:"title"`
	Body       string    `json:"body"`
	Link       string    `json:"link"`
	CreatedAt  time.Time `json:"createdAt"`
	Read       bool      `json:"read"`
}

type listResponse struct {
	Items       []notificationView `json:"items"`
	NextCursor  *string            `json:"nextCursor"`
	UnreadCount int                `json:"unreadCount"`
}

func view(n notify.Notification, lang i18n.Lang) notificationView {
	v := notificationView{ID: n.ID, Event: string(n.Event), TenantID: n.TenantID, TenantName: n.TenantName, Title: n.Title, Body: n.Body,
		Link: n.Link, CreatedAt: n.CreatedAt, Read: n.Read}
	if lang == i18n.English && n.TitleEn != "" {
		v.Title, v.Body = n.TitleEn, n.BodyEn
	}
	return v
}

// list answers the caller's inbox, newest first.
func (a *API) list(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := httpapi.NewValidation(r)
	limit := 20
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		v.Check(err == nil && n >= 1 && n <= 50, "limit", "inbox_limit_invalid", nil)
		limit = n
	}
	unread := false
	switch q.Get("unread") {
	case "", "false":
	case "true":
		unread = true
	default:
		v.Add("unread", "field_invalid", nil)
	}
	if err := v.Err(); err != nil {
		return err
	}
	page, err := a.store.List(r.Context(), p.Sub, unread, int32(limit), q.Get("cursor"))
	if err != nil {
		return httpapi.PageError(r, err)
	}
	count, err := a.store.UnreadCount(r.Context(), p.Sub)
	if err != nil {
		return err
	}
	lang := v.Lang()
	out := listResponse{Items: make([]notificationView, len(page.Items)), UnreadCount: count}
	for i, n := range page.Items {
		out.Items[i] = view(n, lang)
	}
	if page.NextCursor != "" {
		out.NextCursor = &page.NextCursor
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

type readRequest struct {
	IDs []string `json:"ids"`
	All bool     `json:"all"`
}

// read marks notifications read: the ones named, or all.
func (a *API) read(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	var in readRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	switch {
	case !in.All && len(in.IDs) == 0:
		v.Add("ids", "inbox_read_nothing", nil)
	case len(in.IDs) > 100:
		v.Add("ids", "inbox_too_many_ids", nil)
	}
	for i, id := range in.IDs {
		if !ids.Valid(id) {
			v.Add("ids."+strconv.Itoa(i), "field_invalid", nil)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	var count int
	if in.All {
		count, err = a.store.MarkAllRead(r.Context(), p.Sub)
	} else {
		count, err = a.store.MarkRead(r.Context(), p.Sub, in.IDs)
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]int{"unreadCount": count})
	return nil
}

// ----------------------------------------------------------- preferences

type prefsView struct {
	Email             bool     `json:"email"`
	WhatsApp          bool     `json:"whatsapp"`
	WhatsAppNumber    *string  `json:"whatsappNumber"`
	Muted             []string `json:"muted"`
	Events            []string `json:"events"`
	WhatsAppAvailable bool     `json:"whatsappAvailable"`
}

func (a *API) prefsView(r *http.Request, userID string, p notify.Prefs) (prefsView, error) {
	out := prefsView{Email: p.Email, WhatsApp: p.WhatsApp, Muted: []string{}, Events: make([]string, len(notify.Events))}
	if p.WhatsAppNumber != "" {
		out.WhatsAppNumber = &p.WhatsAppNumber
	}
	for _, m := range p.Muted {
		out.Muted = append(out.Muted, string(m))
	}
	for i, e := range notify.Events {
		out.Events[i] = string(e)
	}
	ms, err := a.members.UserMemberships(r.Context(), userID)
	if err != nil {
		return out, err
	}
	var tenants []string
	for _, m := range ms {
		if m.Status == tenancy.StatusActive {
			tenants = append(tenants, m.TenantID)
		}
	}
	out.WhatsAppAvailable, err = a.store.AnyWhatsApp(r.Context(), tenants)
	return out, err
}

func (a *API) getPrefs(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	prefs, err := a.store.GetPrefs(r.Context(), p.Sub)
	if err != nil {
		return err
	}
	out, err := a.prefsView(r, p.Sub, prefs)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

type prefsRequest struct {
	Email          *bool    `json:"email"`
	WhatsApp       *bool    `json:"whatsapp"`
	WhatsAppNumber *string  `json:"whatsappNumber"`
	Muted          []string `json:"muted"`
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

// NormalizeWhatsApp turns a number as people write it (+62 812-3456-7890,
// 0812 3456 7890, 62812...) into E.164; ok is false when it is not one.
// A number starting with 0 is Indonesian.
func NormalizeWhatsApp(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' {
			return -1
		}
		return r
	}, s)
	switch {
	case strings.HasPrefix(s, "0"):
		s = "+62" + s[1:]
	case strings.HasPrefix(s, "62"):
		s = "+" + s
	}
	return s, e164.MatchString(s)
}

func (a *API) putPrefs(w http.ResponseWriter, r *http.Request) error {
	p, err := identity.FromRequest(r, a.clientID)
	if err != nil {
		return err
	}
	var in prefsRequest
	if err := httpapi.DecodeJSON(r, &in, 4<<10); err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	v.Check(in.Email != nil, "email", "field_required", nil)
	v.Check(in.WhatsApp != nil, "whatsapp", "field_required", nil)
	prefs := notify.Prefs{UserID: p.Sub, UpdatedAt: a.now()}
	if in.Email != nil {
		prefs.Email = *in.Email
	}
	if in.WhatsApp != nil {
		prefs.WhatsApp = *in.WhatsApp
	}
	if in.WhatsAppNumber != nil && strings.TrimSpace(*in.WhatsAppNumber) != "" {
		n, ok := NormalizeWhatsApp(*in.WhatsAppNumber)
		v.Check(ok && len(*in.WhatsAppNumber) <= 32, "whatsappNumber", "whatsapp_number_invalid", nil)
		prefs.WhatsAppNumber = n
	} else if prefs.WhatsApp {
		v.Add("whatsappNumber", "whatsapp_number_required", nil)
	}
	v.Check(len(in.Muted) <= len(notify.Events), "muted", "field_invalid", nil)
	for i, m := range in.Muted {
		ev := notify.Event(m)
		if !slices.Contains(notify.Events, ev) {
			v.Add("muted."+strconv.Itoa(i), "event_unknown", nil)
			continue
		}
		if !slices.Contains(prefs.Muted, ev) {
			prefs.Muted = append(prefs.Muted, ev)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.store.PutPrefs(r.Context(), prefs); err != nil {
		return err
	}
	out, err := a.prefsView(r, p.Sub, prefs)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, out)
	return nil
}

// -------------------------------------------------------------- settings

type whatsappSettingsView struct {
	Enabled        bool   `json:"enabled"`
	PhoneNumberID  string `json:"phoneNumberId"`
	HasAccessToken bool   `json:"hasAccessToken"`
}

type settingsView struct {
	WhatsApp      whatsappSettingsView `json:"whatsapp"`
	EmailFromName string               `json:"emailFromName"`
}

func settingsOut(s notify.Settings) settingsView {
	return settingsView{WhatsApp: whatsappSettingsView{Enabled: s.WhatsAppEnabled, PhoneNumberID: s.PhoneNumberID, HasAccessToken: s.AccessToken != ""},
		EmailFromName: s.EmailFromName}
}

func (a *API) getSettings(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.TenantUpdate)
	if err != nil {
		return err
	}
	s, err := a.store.GetSettings(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, settingsOut(s))
	return nil
}

type whatsappSettingsRequest struct {
	Enabled       *bool   `json:"enabled"`
	PhoneNumberID string  `json:"phoneNumberId"`
	AccessToken   *string `json:"accessToken"`
}

type settingsRequest struct {
	WhatsApp      *whatsappSettingsRequest `json:"whatsapp"`
	EmailFromName *string                  `json:"emailFromName"`
}

var (
	phoneNumberID = regexp.MustCompile(`^[0-9]{5,30}$`)
	accessToken   = regexp.MustCompile(`^[A-Za-z0-9._\-|]+$`)
)

// putSettings (admins) writes the tenant's settings. The access token is
// kept when the request leaves it out, removed when it is "".
func (a *API) putSettings(w http.ResponseWriter, r *http.Request) error {
	c, err := a.guard.Request(r, a.clientID, access.TenantUpdate)
	if err != nil {
		return err
	}
	var in settingsRequest
	if err := httpapi.DecodeJSON(r, &in, 8<<10); err != nil {
		return err
	}
	cur, err := a.store.GetSettings(r.Context(), c.Tenant.ID)
	if err != nil {
		return err
	}
	v := httpapi.NewValidation(r)
	next := notify.Settings{TenantID: c.Tenant.ID, AccessToken: cur.AccessToken, UpdatedAt: a.now()}
	switch {
	case in.WhatsApp == nil:
		v.Add("whatsapp", "field_required", nil)
	case in.WhatsApp.Enabled == nil:
		v.Add("whatsapp.enabled", "field_required", nil)
	default:
		wa := in.WhatsApp
		next.WhatsAppEnabled = *wa.Enabled
		next.PhoneNumberID = strings.TrimSpace(wa.PhoneNumberID)
		if next.PhoneNumberID != "" || next.WhatsAppEnabled {
			v.Check(phoneNumberID.MatchString(next.PhoneNumberID), "whatsapp.phoneNumberId", "phone_number_id_invalid", nil)
		}
		if wa.AccessToken != nil {
			next.AccessToken = strings.TrimSpace(*wa.AccessToken)
			v.Check(next.AccessToken == "" || (len(next.AccessToken) >= 20 && len(next.AccessToken) <= 1024 && accessToken.MatchString(next.AccessToken)),
				"whatsapp.accessToken", "access_token_invalid", nil)
		}
		if next.WhatsAppEnabled && next.AccessToken == "" {
			v.Add("whatsapp.accessToken", "field_required", nil)
		}
	}
	if in.EmailFromName != nil {
		name := httpapi.CleanText(*in.EmailFromName)
		v.Length("emailFromName", name, 2, 100, false)
		v.Check(!strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == '<' || r == '>' || r == '"' }),
			"emailFromName", "field_invalid", nil)
		next.EmailFromName = name
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := a.store.PutSettings(r.Context(), next); err != nil {
		return err
	}
	actor := c.Principal.Username
	if c.Membership != nil && c.Membership.Name != "" {
		actor = c.Membership.Name
	}
	// The access token is never written to the audit log: only whether one is kept.
	audit := func(s notify.Settings) map[string]any {
		return map[string]any{"whatsappEnabled": s.WhatsAppEnabled, "phoneNumberId": s.PhoneNumberID, "hasAccessToken": s.AccessToken != "",
			"emailFromName": s.EmailFromName}
	}
	now := a.now()
	if err := a.members.PutAudit(r.Context(), &tenancy.AuditEntry{TenantID: c.Tenant.ID, ID: ids.New(now), ActorID: c.Principal.Sub, ActorName: actor,
		Action: "tenant.notification-settings", TargetType: "tenant", TargetID: c.Tenant.ID, Before: audit(cur), After: audit(next), At: now}); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, settingsOut(next))
	return nil
}
