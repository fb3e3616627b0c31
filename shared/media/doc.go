// Package media is the transcoding pipeline as a library: it recognises what
// an uploaded file really is, probes audio and video with ffprobe, turns
// video into an HLS ladder with a poster, audio into a single HLS rendition,
// images into WebP variants, reads PDF page counts and renders previews, and
// converts office documents to PDF when LibreOffice is present.
//
// It works on local files only. The caller (the transcode function) downloads
// the raw object into a temporary folder, calls the pipeline with an empty
// output folder, and uploads every file the returned Manifest lists. Nothing
// here knows about S3, DynamoDB or Lambda, so the same code runs in Lambda, in
// the local gateway and in tests.
//
// Errors meant for the uploader are typed (*ContentError, *MismatchError)
// and carry fields rather than prose, so the caller can phrase them in
// Bahasa Indonesia or English; errors from the tools themselves are
// *CommandError with the tail of the tool's stderr for the logs.
//
// See docs/media-pipeline.md for the ladder, the commands and the Lambda
// layers the tools come from.
package media
