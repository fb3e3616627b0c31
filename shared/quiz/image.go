package quiz

import (
	"strings"
	"unicode/utf8"
)

// Image is a picture shown with a question: an upload (purpose question)
// of the question's own course, ready, with alt text for learners who use
// a screen reader. Whether the upload fits is checked where it is set
// (the API and the import read the upload); the question keeps what it
// needs to show it.
type Image struct {
	UploadID string `dynamodbav:"uploadId" json:"uploadId,omitempty"`
	Alt      string `dynamodbav:"alt" json:"alt"`
	// Width and Height of the picture served, in pixels.
	Width  int `dynamodbav:"width,omitempty" json:"width,omitempty"`
	Height int `dynamodbav:"height,omitempty" json:"height,omitempty"`
	// Key is the object served (the largest WebP variant), fixed when the
	// image is set: showing a quiz of many pictures reads no upload.
	Key string `dynamodbav:"key" json:"-"`
	// URL is a short-lived signed link to Key, filled in each answer.
	URL string `dynamodbav:"-" json:"url,omitempty"`
}

// MaxAlt bounds an image's alt text.
const MaxAlt = 300

// checkImage lists what is wrong with a question's image reference.
func checkImage(im *Image, add func(field, code string)) {
	if im == nil {
		return
	}
	if strings.TrimSpace(im.UploadID) == "" {
		add("image.uploadId", "question_image_unknown")
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(im.Alt)); n < 1 || n > MaxAlt {
		add("image.alt", "question_image_alt")
	}
}

// PublicImage is the image as a learner gets it: the link (signed
// already), the alt text and the size, not which upload or object it is.
func PublicImage(im *Image) *Image {
	if im == nil {
		return nil
	}
	return &Image{Alt: im.Alt, Width: im.Width, Height: im.Height, URL: im.URL}
}
