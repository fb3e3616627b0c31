package media

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Manifest describes what the pipeline made of one upload. Paths are
// relative to the output folder, with forward slashes, ready to be appended
// to the upload's output prefix.
type Manifest struct {
	Detected Detected `json:"detected"`

	// DurationSeconds is the source's duration (audio and video).
	DurationSeconds float64 `json:"durationSeconds,omitempty"`
	// Width and Height are the source's displayed size (video, image).
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`

	// Master is the HLS master playlist (audio and video).
	Master     string      `json:"master,omitempty"`
	Renditions []Rendition `json:"renditions,omitempty"`
	// Poster is the video's poster frame.
	Poster string `json:"poster,omitempty"`

	// Images are the WebP variants of an image, narrowest first.
	Images []ImageVariant `json:"images,omitempty"`

	// PDF is the PDF made from an office document; Converted says whether
	// the conversion ran (LibreOffice present).
	PDF       string `json:"pdf,omitempty"`
	Converted bool   `json:"converted,omitempty"`
	// PageCount is the PDF's (or converted PDF's) number of pages.
	PageCount int `json:"pageCount,omitempty"`
	// Preview is a first-page image of a PDF; when it could not be made,
	// PreviewSkipped says why ("preview unavailable: pdftoppm not found").
	Preview        string `json:"preview,omitempty"`
	PreviewSkipped string `json:"previewSkipped,omitempty"`

	// Files is every file written, sorted by path: what the caller uploads.
	Files []OutputFile `json:"files"`
}

// Rendition is one HLS variant stream.
type Rendition struct {
	Name     string `json:"name"`     // "720p"
	Playlist string `json:"playlist"` // "720p/index.m3u8"
	Width    int    `json:"width,omitempty"`
	Height   int    `json:"height,omitempty"`
	// VideoBitrate and AudioBitrate are the encoder targets, bit/s.
	VideoBitrate int `json:"videoBitrate,omitempty"`
	AudioBitrate int `json:"audioBitrate,omitempty"`
	// Bandwidth is the peak segment bit rate and AverageBandwidth the mean,
	// measured on the segments written, as the master playlist states them.
	Bandwidth        int    `json:"bandwidth"`
	AverageBandwidth int    `json:"averageBandwidth"`
	Codecs           string `json:"codecs"`
}

// ImageVariant is one resized copy of an image.
type ImageVariant struct {
	Path   string `json:"path"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// OutputFile is one file to upload.
type OutputFile struct {
	Path        string `json:"path"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
}

var outputTypes = map[string]string{
	".m3u8": "application/vnd.apple.mpegurl",
	".ts":   "video/mp2t",
	".m4s":  "video/iso.segment",
	".mp4":  "video/mp4",
	".aac":  "audio/aac",
	".jpg":  "image/jpeg",
	".png":  "image/png",
	".webp": "image/webp",
	".pdf":  "application/pdf",
}

// ContentTypeOf returns the content type the pipeline's outputs are served
// with, by file name.
func ContentTypeOf(name string) string {
	if t, ok := outputTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// collectFiles lists every regular file under dir. The folder started empty
// (prepareOut), so this is exactly what the run produced.
func collectFiles(dir string) ([]OutputFile, error) {
	var files []OutputFile
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.Type().IsRegular() {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files = append(files, OutputFile{Path: rel, ContentType: ContentTypeOf(rel), Size: info.Size()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("media: list outputs: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}
