// Package course holds courses (mata diklat) and their structure: ordered
// sections of ordered items (materials, text pages, links). One course is
// one DynamoDB partition, TENANT#{t}#COURSE#{c}: the course record, its
// sections and items, so the whole outline is one Query. The order of
// sections and items lives on the course record, so a reorder is one
// conditional write and can never leave the outline half-moved.
package course

import (
	"errors"
	"time"
)

// Status of a course.
type Status string

// Statuses.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Kind of an item.
type Kind string

// Item kinds: materials refer to an upload; text pages hold Markdown;
// links point elsewhere.
const (
	KindVideo        Kind = "video"
	KindAudio        Kind = "audio"
	KindPDF          Kind = "pdf"
	KindPresentation Kind = "presentation"
	KindDocument     Kind = "document"
	KindImage        Kind = "image"
	KindText         Kind = "text"
	KindLink         Kind = "link"
	// KindQuiz is a quiz, pre-test or post-test: its questions come from
	// the course's question bank (shared/quiz); passing completes it.
	KindQuiz Kind = "quiz"
	// KindAssignment is a task learners submit (text and/or a file) and
	// staff grade (shared/assignment); submitting completes it.
	KindAssignment Kind = "assignment"
)

// IsMaterial reports whether the kind refers to an uploaded file.
func (k Kind) IsMaterial() bool {
	switch k {
	case KindVideo, KindAudio, KindPDF, KindPresentation, KindDocument, KindImage:
		return true
	}
	return false
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	return k.IsMaterial() || k == KindText || k == KindLink || k == KindQuiz || k == KindAssignment
}

// MaterialStatus is the processing state of an item's upload.
type MaterialStatus string

// Material statuses (set by the upload pipeline).
const (
	MaterialUploading  MaterialStatus = "uploading"
	MaterialProcessing MaterialStatus = "processing"
	MaterialReady      MaterialStatus = "ready"
	MaterialFailed     MaterialStatus = "failed"
)

// SectionOrder is one section and its items, in order.
type SectionOrder struct {
	SectionID string   `dynamodbav:"sectionId" json:"sectionId"`
	ItemIDs   []string `dynamodbav:"itemIds" json:"itemIds"`
}

// Course is a mata diklat.
type Course struct {
	TenantID       string         `dynamodbav:"tenantId" json:"tenantId"`
	ID             string         `dynamodbav:"courseId" json:"id"`
	Code           string         `dynamodbav:"code" json:"code"`
	Title          string         `dynamodbav:"title" json:"title"`
	Description    string         `dynamodbav:"description" json:"description"` // Markdown
	CoverUploadID  string         `dynamodbav:"coverUploadId,omitempty" json:"coverUploadId,omitempty"`
	JP             int            `dynamodbav:"jp" json:"jp"` // jam pelajaran, 45 minutes each
	Category       string         `dynamodbav:"category,omitempty" json:"category,omitempty"`
	Tags           []string       `dynamodbav:"tags" json:"tags"`
	CompetencyArea string         `dynamodbav:"competencyArea,omitempty" json:"competencyArea,omitempty"`
	Status         Status         `dynamodbav:"status" json:"status"`
	InstructorIDs  []string       `dynamodbav:"instructorIds" json:"instructorIds"`
	Order          []SectionOrder `dynamodbav:"order" json:"order"`
	EverPublished  bool           `dynamodbav:"everPublished" json:"everPublished"`
	CreatedBy      string         `dynamodbav:"createdBy" json:"createdBy"`
	CreatedAt      time.Time      `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt      time.Time      `dynamodbav:"updatedAt" json:"updatedAt"`
	Version        int            `dynamodbav:"version" json:"version"`
	// DescriptionHTML is the description rendered and sanitised for
	// display (filled by the API, never stored).
	DescriptionHTML string `dynamodbav:"-" json:"descriptionHtml,omitempty"`
	// CoverURL is a short-lived link to the cover image, once its upload is
	// ready (filled by the API, never stored).
	CoverURL string `dynamodbav:"-" json:"coverUrl,omitempty"`
}

// EditableBy reports whether a person edits the course: admins edit every
// course, instructors the ones they teach.
func (c Course) EditableBy(userID string, admin bool) bool { return admin || c.HasInstructor(userID) }

// HasInstructor reports whether userID teaches the course.
func (c Course) HasInstructor(userID string) bool {
	for _, id := range c.InstructorIDs {
		if id == userID {
			return true
		}
	}
	return false
}

// Section is an ordered group of items.
type Section struct {
	TenantID  string    `dynamodbav:"tenantId" json:"-"`
	CourseID  string    `dynamodbav:"courseId" json:"-"`
	ID        string    `dynamodbav:"sectionId" json:"id"`
	Title     string    `dynamodbav:"title" json:"title"`
	CreatedAt time.Time `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt time.Time `dynamodbav:"updatedAt" json:"updatedAt"`
}

// Item is one thing to learn.
type Item struct {
	TenantID        string         `dynamodbav:"tenantId" json:"-"`
	CourseID        string         `dynamodbav:"courseId" json:"-"`
	ID              string         `dynamodbav:"itemId" json:"id"`
	SectionID       string         `dynamodbav:"sectionId" json:"sectionId"`
	Kind            Kind           `dynamodbav:"kind" json:"kind"`
	Title           string         `dynamodbav:"title" json:"title"`
	Description     string         `dynamodbav:"description,omitempty" json:"description,omitempty"`
	Required        bool           `dynamodbav:"required" json:"required"`
	DurationMinutes int            `dynamodbav:"durationMinutes" json:"durationMinutes"`
	Body            string         `dynamodbav:"body,omitempty" json:"body,omitempty"`         // text pages (Markdown)
	URL             string         `dynamodbav:"url,omitempty" json:"url,omitempty"`           // links
	UploadID        string         `dynamodbav:"uploadId,omitempty" json:"uploadId,omitempty"` // materials
	MaterialStatus  MaterialStatus `dynamodbav:"materialStatus,omitempty" json:"materialStatus,omitempty"`
	CreatedAt       time.Time      `dynamodbav:"createdAt" json:"createdAt"`
	UpdatedAt       time.Time      `dynamodbav:"updatedAt" json:"updatedAt"`
	// Quiz holds a quiz item's settings.
	Quiz *Quiz `dynamodbav:"quiz,omitempty" json:"quiz,omitempty"`
	// Assignment holds an assignment item's settings (its instructions
	// are the item's body, Markdown).
	Assignment *Assignment `dynamodbav:"assignment,omitempty" json:"assignment,omitempty"`
	// DescriptionHTML: as Course.DescriptionHTML.
	DescriptionHTML string `dynamodbav:"-" json:"descriptionHtml,omitempty"`
}

// QuizKind says what a quiz is for.
type QuizKind string

// Quiz kinds.
const (
	QuizPractice QuizKind = "quiz"
	QuizPre      QuizKind = "pretest"
	QuizPost     QuizKind = "posttest"
)

// Review says when a learner sees the correct answers of a submitted attempt.
type Review string

// Review settings.
const (
	ReviewAfterSubmit Review = "after-submit"
	ReviewAfterClose  Review = "after-close"
	ReviewNever       Review = "never"
)

// Quiz is a quiz item's settings.
type Quiz struct {
	Kind QuizKind `dynamodbav:"kind" json:"kind"`
	// QuestionIDs are asked in this order; or, when RandomCount is set,
	// that many questions drawn from the bank's questions tagged with one
	// of RandomTags (all questions when no tag is given).
	QuestionIDs    []string   `dynamodbav:"questionIds,omitempty" json:"questionIds,omitempty"`
	RandomTags     []string   `dynamodbav:"randomTags,omitempty" json:"randomTags,omitempty"`
	RandomCount    int        `dynamodbav:"randomCount,omitempty" json:"randomCount,omitempty"`
	ShuffleOptions bool       `dynamodbav:"shuffleOptions" json:"shuffleOptions"`
	TimeLimitMin   int        `dynamodbav:"timeLimitMinutes,omitempty" json:"timeLimitMinutes,omitempty"` // 0: none
	MaxAttempts    int        `dynamodbav:"maxAttempts,omitempty" json:"maxAttempts,omitempty"`           // 0: unlimited
	PassPercent    int        `dynamodbav:"passPercent" json:"passPercent"`
	OpensAt        *time.Time `dynamodbav:"opensAt,omitempty" json:"opensAt,omitempty"`
	ClosesAt       *time.Time `dynamodbav:"closesAt,omitempty" json:"closesAt,omitempty"`
	Review         Review     `dynamodbav:"review" json:"review"`
}

// Available reports whether learners may be offered the item: materials
// only once their upload is ready.
func (it Item) Available() bool { return !it.Kind.IsMaterial() || it.MaterialStatus == MaterialReady }

// Outline is a course with its sections and items in order.
type Outline struct {
	Course   Course           `json:"course"`
	Sections []OutlineSection `json:"sections"`
}

// Item finds an item of the outline by id.
func (o Outline) Item(id string) (Item, bool) {
	for _, s := range o.Sections {
		for _, it := range s.Items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return Item{}, false
}

// OutlineSection is a section with its items.
type OutlineSection struct {
	Section
	Items []Item `json:"items"`
}

// Errors.
var (
	ErrNotFound = errors.New("course: not found")
	ErrConflict = errors.New("course: changed by someone else")
	ErrExists   = errors.New("course: code already used")
)

// Arrange builds the outline from the partition's items in the course's
// order. Sections or items missing from the order (a crash between writes
// cannot cause this, but old data might) are appended at the end.
func Arrange(c Course, sections []Section, items []Item) Outline {
	secByID := map[string]Section{}
	for _, s := range sections {
		secByID[s.ID] = s
	}
	itemByID := map[string]Item{}
	for _, it := range items {
		itemByID[it.ID] = it
	}
	out := Outline{Course: c, Sections: []OutlineSection{}}
	placedSec, placedItem := map[string]bool{}, map[string]bool{}
	for _, so := range c.Order {
		s, ok := secByID[so.SectionID]
		if !ok {
			continue
		}
		os := OutlineSection{Section: s, Items: []Item{}}
		for _, id := range so.ItemIDs {
			// The order decides where an item stands; a reorder may move it
			// to another section with one write.
			if it, ok := itemByID[id]; ok && !placedItem[id] {
				it.SectionID = s.ID
				os.Items = append(os.Items, it)
				placedItem[id] = true
			}
		}
		placedSec[s.ID] = true
		out.Sections = append(out.Sections, os)
	}
	for _, s := range sections {
		if !placedSec[s.ID] {
			out.Sections = append(out.Sections, OutlineSection{Section: s, Items: []Item{}})
		}
	}
	for _, it := range items {
		if placedItem[it.ID] {
			continue
		}
		for i := range out.Sections {
			if out.Sections[i].ID == it.SectionID {
				out.Sections[i].Items = append(out.Sections[i].Items, it)
			}
		}
	}
	return out
}

// Changed tells the index function that a course's content changed and its
// search documents must be rebuilt.
type Changed struct {
	TenantID string `json:"tenantId"`
	CourseID string `json:"courseId"`
}

// LatePolicy says what happens to a submission after the due date.
type LatePolicy string

// Late policies.
const (
	LateAccept  LatePolicy = "accept"  // taken, marked late
	LatePenalty LatePolicy = "penalty" // taken, the grade reduced by PenaltyPercent
	LateRefuse  LatePolicy = "refuse"  // not taken
)

// Assignment is an assignment item's settings.
type Assignment struct {
	DueAt          *time.Time `dynamodbav:"dueAt,omitempty" json:"dueAt,omitempty"`
	LatePolicy     LatePolicy `dynamodbav:"latePolicy" json:"latePolicy"`
	PenaltyPercent int        `dynamodbav:"penaltyPercent,omitempty" json:"penaltyPercent,omitempty"`
	AllowText      bool       `dynamodbav:"allowText" json:"allowText"`
	AllowFile      bool       `dynamodbav:"allowFile" json:"allowFile"`
	// FileKinds are the file classes taken (pdf, document, presentation,
	// image, video, audio); MaxSizeMB bounds a file.
	FileKinds []Kind `dynamodbav:"fileKinds,omitempty" json:"fileKinds,omitempty"`
	MaxSizeMB int    `dynamodbav:"maxSizeMb,omitempty" json:"maxSizeMb,omitempty"`
	MaxScore  int    `dynamodbav:"maxScore" json:"maxScore"`
}
